import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Marks delivered messages in batches: one UPDATE for every message acknowledged within a few milliseconds (or as
 * soon as `maxBatch` wait), so the cost per message of an acknowledged delivery stays a fraction of a round trip
 * under a flash sale. An acknowledgement lost to a crash before its flush is harmless: the relay finds the job
 * finished (or gone) and marks the message delivered (or hands it out again to idempotent subscribers).
 */
export class OutboxAcknowledger {
  private readonly log = new Logger(OutboxAcknowledger.name);
  private pending: string[] = [];
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    private readonly lingerMs = 10,
    private readonly maxBatch = 500,
  ) {}

  ack(outboxId: string): void {
    this.pending.push(outboxId);
    if (this.pending.length >= this.maxBatch) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.lingerMs);
  }

  /** Writes every acknowledgement taken so far; resolves once they are stored (or given up on, see above). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const ids = this.pending;
    this.pending = [];
    if (ids.length === 0) return this.flushing;
    this.flushing = this.flushing.then(() =>
      this.dataSource
        .query(`UPDATE outbox SET delivered_at = now() WHERE id = ANY($1::uuid[]) AND delivered_at IS NULL`, [
          ids,
        ])
        .then(
          () => undefined,
          (error: unknown) => {
            this.log.warn(
              `could not acknowledge ${ids.length} outbox deliveries (the relay will find them): ${
                error instanceof Error ? error.message : String(error)
              }`,
            );
          },
        ),
    );
    return this.flushing;
  }
}
