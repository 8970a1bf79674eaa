import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';

const log = new Logger('JobSchedules');

/**
 * Registers a repeating job (a sweeper, a daily scan) now, and again each time the queue's Redis connection comes
 * back: a Redis restarted without its data (no append-only file) gets its schedules back without a worker restart.
 * Registering is idempotent (an upsert by id). Returns a function that stops watching the connection.
 */
export async function keepJobScheduled(
  queue: Queue,
  schedulerId: string,
  repeat: Parameters<Queue['upsertJobScheduler']>[1],
  template: Parameters<Queue['upsertJobScheduler']>[2],
): Promise<() => void> {
  const upsert = () => queue.upsertJobScheduler(schedulerId, repeat, template);
  await upsert();
  const client = await queue.client;
  const again = () => {
    upsert().then(
      () => log.log(`Redis is back: job schedule ${schedulerId} registered again`),
      (error: unknown) => log.warn({ err: error }, `Could not register job schedule ${schedulerId} again`),
    );
  };
  client.on('ready', again);
  return () => client.off('ready', again);
}
