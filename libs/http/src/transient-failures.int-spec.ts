import { Controller, Get, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Public } from '@ocop/auth';
import { TransactionRunner } from '@ocop/db';
import { createTestApp, TestApp } from '@ocop/testing';

const MARK = 'ocop-transient-spec';

/** Routes whose PostgreSQL connection the test terminates while they use it. */
@Controller('transient')
class TransientController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
  ) {}

  /** One statement, cut while it runs. */
  @Get('statement')
  @Public()
  async statement() {
    await this.dataSource.query(`SELECT pg_sleep(10) /* ${MARK} */`);
    return { done: true };
  }

  /** A transaction whose connection is cut between two statements. */
  @Get('transaction')
  @Public()
  async transaction() {
    await this.tx.run(async (em) => {
      await em.query(`SELECT 1 /* ${MARK} */`);
      await em.query(`SELECT pg_sleep(10) /* ${MARK} */`);
      await em.query(`SELECT 2`);
    });
    return { done: true };
  }
}

@Module({ controllers: [TransientController] })
class TransientModule {}

describe('a PostgreSQL connection lost under a request', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ imports: [TransientModule] });
  });
  afterAll(() => t.close());

  /** Terminates, once it shows up, the backend running the route's marked statement. */
  async function terminateWhenRunning(): Promise<number> {
    for (let i = 0; i < 100; i++) {
      const rows = (await t.db.query(
        `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
         WHERE query LIKE 'SELECT pg_sleep(10) /* ${MARK} */%' AND pid <> pg_backend_pid()`,
      )) as { n: number }[];
      if ((rows[0]?.n ?? 0) > 0) return rows[0]?.n ?? 0;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return 0;
  }

  it.each(['statement', 'transaction'])(
    'in a %s: answered 503 TRY_AGAIN with Retry-After, never an opaque 500, and the app keeps serving',
    async (route) => {
      const [res, terminated] = await Promise.all([
        t.http().get(`/api/transient/${route}`),
        terminateWhenRunning(),
      ]);
      expect(terminated).toBe(1);
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('1');
      expect(res.body).toEqual({
        code: 'TRY_AGAIN',
        message: expect.any(String),
        details: { reason: 'database_connection_lost', retryAfterSeconds: 1 },
        requestId: res.headers['x-request-id'],
      });
      // The pool dropped the cut connection: the next requests are served.
      const health = await t.http().get('/health');
      expect(health.status).toBe(200);
    },
  );
});
