import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { TransactionRunner } from '@ocop/db';
import { MessageRow, MessagesRepository, NewMessageRow } from '../infrastructure/messages.repository';

interface Pending {
  row: NewMessageRow;
  resolve: (result: { row: MessageRow; duplicate: boolean }) => void;
  reject: (error: unknown) => void;
}

export interface BatcherOptions {
  /** How long the first message of a batch waits for company. */
  lingerMs: number;
  maxBatch: number;
}

export const DEFAULT_BATCHER: BatcherOptions = { lingerMs: 4, maxBatch: 500 };

/**
 * Group commit for chat messages. Sends arriving within a few ms (and every send that arrives while a batch is
 * being written) are stored together by one transaction with one multi-row INSERT; each sender's promise resolves
 * only after that commit, so an acknowledged message is durable. One batch is in flight per process at a time,
 * which makes batches grow by themselves under load. If a batch fails, its messages are retried one by one so a
 * single bad message cannot take the others down with it.
 */
@Injectable()
export class MessageBatcher implements BeforeApplicationShutdown {
  private readonly log = new Logger(MessageBatcher.name);
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private readonly options: BatcherOptions = DEFAULT_BATCHER;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly messages: MessagesRepository,
  ) {}

  append(row: NewMessageRow): Promise<{ row: MessageRow; duplicate: boolean }> {
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      this.schedule();
    });
  }

  /** Writes what is queued before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.queue.length > 0 || this.flushing) {
      if (this.flushing) await this.flushing;
      else await this.flush();
    }
  }

  private schedule(): void {
    if (this.flushing || this.timer) return;
    if (this.queue.length >= this.options.maxBatch) {
      void this.flush();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.options.lingerMs);
  }

  private flush(): Promise<void> {
    const batch = this.queue.splice(0, this.options.maxBatch);
    if (batch.length === 0) return Promise.resolve();
    this.flushing = this.write(batch).finally(() => {
      this.flushing = null;
      if (this.queue.length > 0) this.schedule();
    });
    return this.flushing;
  }

  private async write(batch: Pending[]): Promise<void> {
    try {
      const results = await this.tx.run((em) =>
        this.messages.insertBatch(
          em,
          batch.map((p) => p.row),
        ),
      );
      batch.forEach((p, i) => p.resolve(results[i]!));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      this.log.warn(
        { err: error, size: batch.length },
        'A chat batch failed; retrying its messages one by one',
      );
      for (const pending of batch) await this.write([pending]);
    }
  }
}
