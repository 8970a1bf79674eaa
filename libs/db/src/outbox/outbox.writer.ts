import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxDraft, OutboxTopic } from './outbox.topics';

/**
 * Writes outbox rows. It takes the caller's EntityManager, so the row commits or rolls back with the business
 * change it describes: call it inside TransactionRunner.run.
 */
@Injectable()
export class OutboxWriter {
  /** Writes one message; returns its id (also the BullMQ job id of its delivery). */
  async write<T extends OutboxTopic>(em: EntityManager, message: OutboxDraft<T>): Promise<string> {
    const [id] = await this.writeMany(em, [message]);
    return id as string;
  }

  /** Writes several messages with one statement; returns their ids in order. */
  async writeMany<T extends OutboxTopic>(em: EntityManager, messages: OutboxDraft<T>[]): Promise<string[]> {
    if (messages.length === 0) return [];
    if (!em.queryRunner?.isTransactionActive) {
      throw new Error(
        'OutboxWriter.write must be called inside a transaction (pass the EntityManager of TransactionRunner.run)',
      );
    }
    const rows = (await em.query(
      `INSERT INTO outbox (topic, key, payload)
       SELECT topic, key, payload FROM unnest($1::text[], $2::text[], $3::jsonb[]) WITH ORDINALITY AS m(topic, key, payload, n)
       ORDER BY n
       RETURNING id`,
      [
        messages.map((m) => m.topic),
        messages.map((m) => m.key),
        messages.map((m) => JSON.stringify(m.payload ?? null)),
      ],
    )) as { id: string }[];
    return rows.map((row) => row.id);
  }
}
