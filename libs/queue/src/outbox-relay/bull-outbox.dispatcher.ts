import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { OutboxDispatcher, OutboxJobState, OutboxPending } from '@ocop/db';
import { JobPayload } from '../queue.registry';

/**
 * The job id of a message's hand-out: the row id for the first, `<row id>-<n>` for the n-th. BullMQ ignores an add
 * whose id it already holds (and keeps finished jobs for a while, DEFAULT_JOB_OPTIONS), so a relay that enqueued and
 * crashed before its commit does not deliver twice, while a message handed out again gets a job of its own.
 */
export function outboxJobId(row: Pick<OutboxPending, 'id' | 'handOut'>): string {
  return row.handOut <= 1 ? row.id : `${row.id}-${row.handOut}`;
}

const STATES: Record<string, OutboxJobState> = {
  completed: 'done',
  failed: 'failed',
  unknown: 'lost',
};

/** Turns each relayed row into an `outbox/dispatch` job, and tells the relay what became of it. */
@Injectable()
export class BullOutboxDispatcher extends OutboxDispatcher {
  constructor(@InjectQueue('outbox') private readonly queue: Queue<JobPayload<'outbox', 'dispatch'>>) {
    super();
  }

  async dispatch(rows: readonly OutboxPending[], options: { delayMs?: number } = {}): Promise<void> {
    await this.queue.addBulk(
      rows.map((row) => ({
        name: 'dispatch',
        data: { outboxId: row.id, topic: row.topic },
        opts: { jobId: outboxJobId(row), ...(options.delayMs ? { delay: options.delayMs } : {}) },
      })),
    );
  }

  /**
   * One state lookup per row, all sent at once: ioredis writes them on the same connection without waiting for
   * each answer, so a batch costs about one round trip.
   */
  async states(rows: readonly OutboxPending[]): Promise<OutboxJobState[]> {
    const states = await Promise.all(rows.map((row) => this.queue.getJobState(outboxJobId(row))));
    return states.map((state) => STATES[state] ?? 'queued');
  }
}
