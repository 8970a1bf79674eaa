import { Queue } from 'bullmq';
import { keepJobScheduled } from './job-schedules';
import { createRedis } from './redis.module';

const until = async (condition: () => Promise<boolean>, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('repeating jobs survive a Redis that lost its data', () => {
  const prefix = `${process.env['QUEUE_PREFIX']}-schedules`;
  const url = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
  const connection = createRedis(url, 'test-schedules');
  let queue: Queue;
  let stop: (() => void) | undefined;

  beforeAll(() => {
    queue = new Queue('orders', { connection, prefix });
  });
  afterAll(async () => {
    stop?.();
    await queue.obliterate({ force: true });
    await queue.close();
    connection.disconnect();
  });

  it('registers the schedule, and again when the connection comes back after the keys were lost', async () => {
    stop = await keepJobScheduled(queue, 'sweep-test', { every: 60_000 }, { name: 'sweep-expired', data: {} });
    const ids = async () => (await queue.getJobSchedulers()).map((s) => s.key);
    expect(await ids()).toContain('sweep-test');

    // What a restarted Redis without its append-only file looks like: this queue's keys are gone.
    const keys = await connection.keys(`${prefix}:orders:*`);
    if (keys.length > 0) await connection.del(...keys);
    expect(await ids()).not.toContain('sweep-test');

    connection.disconnect(true);
    await until(async () => (await ids()).includes('sweep-test'));
  });
});
