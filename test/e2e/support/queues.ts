import { Queue } from 'bullmq';
import { QUEUE_NAMES, QueueName } from '@ocop/queue';

/**
 * A test's view of the BullMQ queues that real worker processes consume (same Redis, same prefix): to see what is
 * left to do and what became of a job. Opening one starts no processing.
 */
export interface QueueProbe {
  queue: (name: QueueName) => Queue;
  /** Jobs per state for every queue. */
  counts: () => Promise<Record<QueueName, Record<string, number>>>;
  /** Whether no queue has a job waiting, running, retrying or failed (delayed jobs in `except` aside). */
  idle: (except?: { delayed?: QueueName[] }) => Promise<boolean>;
  close: () => Promise<void>;
}

export function probeQueues(redisUrl: string, prefix: string): QueueProbe {
  const url = new URL(redisUrl);
  const connection = {
    host: url.hostname,
    port: Number(url.port || 6379),
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    maxRetriesPerRequest: null,
  };
  // Opened on first use: a queue closed while its connection is still being made reports an unhandled error.
  const queues = new Map<QueueName, Queue>();
  const queue = (name: QueueName): Queue => {
    let opened = queues.get(name);
    if (!opened) {
      opened = new Queue(name, { connection, prefix });
      queues.set(name, opened);
    }
    return opened;
  };
  const counts = async () => {
    const entries = await Promise.all(
      QUEUE_NAMES.map(
        async (name) =>
          [
            name,
            await queue(name).getJobCounts('active', 'wait', 'prioritized', 'delayed', 'failed', 'completed'),
          ] as const,
      ),
    );
    return Object.fromEntries(entries) as Record<QueueName, Record<string, number>>;
  };
  return {
    queue,
    counts,
    idle: async (except = {}) => {
      const all = await counts();
      return QUEUE_NAMES.every((name) => {
        const c = all[name];
        const delayedOk = except.delayed?.includes(name) ?? false;
        return (
          c['active'] === 0 &&
          c['wait'] === 0 &&
          c['prioritized'] === 0 &&
          c['failed'] === 0 &&
          (delayedOk || c['delayed'] === 0)
        );
      });
    },
    close: async () => {
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}
