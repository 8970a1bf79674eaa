import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboxMessage, OutboxTopic } from './outbox.topics';

/** How the deliveries stand: what an operator reads in the reconciliation's report. */
export interface OutboxBacklog {
  /** Messages not yet acknowledged by their subscribers. */
  owed: number;
  /** Of those, the ones owed for longer than the report's threshold. */
  owedLong: number;
  /** Owed messages whose job failed at least once (attempts > 0), with the latest error of the oldest. */
  failing: number;
  oldestOwedAt: string | null;
  oldestError: string | null;
}

/**
 * Reads committed messages back: the reconciliation hands a message whose effect is missing to the same idempotent
 * code its subscriber runs, and reports the deliveries still owed.
 */
@Injectable()
export class OutboxReader {
  constructor(private readonly dataSource: DataSource) {}

  /** The messages of `topic` about the given keys (aggregate ids), oldest first. */
  async messagesAbout<T extends OutboxTopic>(topic: T, keys: readonly string[]): Promise<OutboxMessage<T>[]> {
    if (keys.length === 0) return [];
    return (await this.dataSource.query(
      `SELECT id, topic, key, payload, created_at AS "createdAt" FROM outbox
       WHERE key = ANY($1::text[]) AND topic = $2
       ORDER BY created_at, id`,
      [keys, topic],
    )) as OutboxMessage<T>[];
  }

  /** Counts the owed messages; `longMs` is how old an owed message must be to count as owed long. */
  async backlog(longMs: number): Promise<OutboxBacklog> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS owed,
              count(*) FILTER (WHERE created_at < now() - $1 * interval '1 millisecond')::int AS "owedLong",
              count(*) FILTER (WHERE attempts > 0)::int AS failing,
              min(created_at) AS "oldestOwedAt",
              (SELECT last_error FROM outbox WHERE delivered_at IS NULL AND last_error IS NOT NULL
               ORDER BY created_at LIMIT 1) AS "oldestError"
       FROM outbox WHERE delivered_at IS NULL`,
      [longMs],
    )) as (Omit<OutboxBacklog, 'oldestOwedAt'> & { oldestOwedAt: Date | null })[];
    return {
      owed: row?.owed ?? 0,
      owedLong: row?.owedLong ?? 0,
      failing: row?.failing ?? 0,
      oldestOwedAt: row?.oldestOwedAt ? row.oldestOwedAt.toISOString() : null,
      oldestError: row?.oldestError ?? null,
    };
  }
}
