import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { OutboxDispatcher, OutboxPending } from '@ocop/db';
import { JobPayload } from '../queue.registry';

/**
 * Turns each relayed row into an `outbox/dispatch` job whose id is the row id: BullMQ ignores an add whose id it
 * already holds, so a relay that enqueued and then crashed before its commit does not deliver twice (within the
 * retention of finished jobs, DEFAULT_JOB_OPTIONS: 24 h / 5000 completed, 7 days failed).
 */
@Injectable()
export class BullOutboxDispatcher extends OutboxDispatcher {
  constructor(@InjectQueue('outbox') private readonly queue: Queue<JobPayload<'outbox', 'dispatch'>>) {
    super();
  }

  async dispatch(rows: readonly OutboxPending[]): Promise<void> {
    await this.queue.addBulk(
      rows.map((row) => ({
        name: 'dispatch',
        data: { outboxId: row.id, topic: row.topic },
        opts: { jobId: row.id },
      })),
    );
  }
}
