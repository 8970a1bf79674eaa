import { Processor } from '@nestjs/bullmq';
import { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { OutboxMessage, OutboxSubscribers } from '@ocop/db';
import { JobHandlers, TypedProcessor, WORKER_OPTIONS } from '../typed-processor';
import { JobPayload } from '../queue.registry';
import { OutboxAcknowledger } from './outbox-acknowledger';

type Dispatch = JobPayload<'outbox', 'dispatch'>;

/**
 * Delivers outbox rows to the subscribers of their topic, in parallel; a failure of any fails the job, which
 * BullMQ retries with backoff, calling again only the subscribers that have not succeeded yet. Once every subscriber
 * has succeeded the message is acknowledged (marked delivered, in batches); until then it stays owed, whatever
 * becomes of the job. The worker starts consuming at application bootstrap, once every module has registered its
 * subscribers in onModuleInit.
 */
/**
 * Deliveries a worker process handles at once. Subscribers are idempotent and safe to run concurrently (any number of
 * workers share the queue anyway): while one message waits on the database (a roll-up row everyone credits, a
 * lookup), the next ones proceed, so a backlog after a Redis loss, or a flash sale, is cleared several times faster
 * than one at a time. Kept below DATABASE_POOL_SIZE's default of 10.
 */
export const OUTBOX_CONCURRENCY = 8;

@Processor('outbox', { ...WORKER_OPTIONS, concurrency: OUTBOX_CONCURRENCY, autorun: false })
export class OutboxProcessor
  extends TypedProcessor<'outbox'>
  implements OnApplicationBootstrap, OnModuleDestroy
{
  protected readonly queue = 'outbox' as const;
  private readonly unheard = new Set<string>();
  private readonly acks: OutboxAcknowledger;

  constructor(
    private readonly dataSource: DataSource,
    private readonly subscribers: OutboxSubscribers,
  ) {
    super();
    this.acks = new OutboxAcknowledger(dataSource);
  }

  protected readonly handlers: JobHandlers<'outbox'> = {
    dispatch: (payload, job) => this.deliver(payload, job),
  };

  onApplicationBootstrap(): void {
    this.worker.run().catch((error: unknown) => {
      this.log.error(`outbox worker stopped: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  /** Finishes the jobs in hand while the database is still open (TypeORM closes in onApplicationShutdown). */
  async onModuleDestroy(): Promise<void> {
    await this.worker.close();
    await this.acks.flush();
  }

  private async deliver(payload: Dispatch, job: Job<Dispatch>): Promise<{ delivered: string[] }> {
    const rows = (await this.dataSource.query(
      `SELECT id, topic, key, payload, created_at AS "createdAt" FROM outbox WHERE id = $1`,
      [payload.outboxId],
    )) as OutboxMessage[];
    const message = rows[0];
    if (!message) {
      this.log.warn(`outbox row ${payload.outboxId} (${payload.topic}) no longer exists; nothing to deliver`);
      return { delivered: [] };
    }
    const subscribers = this.subscribers.of(message.topic);
    if (subscribers.length === 0) {
      if (!this.unheard.has(message.topic)) {
        this.unheard.add(message.topic);
        this.log.log(
          `outbox topic "${message.topic}" has no subscriber in this worker; its messages are acknowledged unheard`,
        );
      }
      this.acks.ack(message.id);
      return { delivered: [] };
    }
    const done = new Set(payload.done ?? []);
    const pending = subscribers.filter((s) => !done.has(s.name));
    const results = await Promise.allSettled(pending.map((s) => s.handle(message)));
    const failures: string[] = [];
    results.forEach((result, i) => {
      const name = (pending[i] as { name: string }).name;
      if (result.status === 'fulfilled') done.add(name);
      else
        failures.push(
          `${name}: ${result.reason instanceof Error ? result.reason.message : String(result.reason)}`,
        );
    });
    if (failures.length === 0) {
      this.acks.ack(message.id);
      return { delivered: [...done] };
    }
    await job.updateData({ ...payload, done: [...done] });
    const error = failures.join('; ').slice(0, 2000);
    await this.dataSource.query(`UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, [
      message.id,
      error,
    ]);
    throw new Error(`outbox ${message.topic} ${message.id}: ${error}`);
  }
}
