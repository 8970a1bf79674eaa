import { OutboxSubscribers, OutboxTopic } from '@ocop/db';
import type { TestApp } from './test-app';

/**
 * The worker's relay, by hand: `relayAll()` hands every outbox message written since the relay was made to each of its
 * subscribers in the test app, in order, until none is left. A Jest worker's database also holds the messages of the
 * specs that ran before in it: those are theirs, and never handed on.
 */
export async function outboxRelay(t: TestApp): Promise<{ relayAll: () => Promise<void> }> {
  const handled = new Set(
    ((await t.db.query(`SELECT id FROM outbox`)) as { id: string }[]).map((row) => row.id),
  );
  const relayAll = async (): Promise<void> => {
    for (;;) {
      const rows = (await t.db.query(
        `SELECT id, topic, key, payload, created_at FROM outbox WHERE NOT (id::text = ANY($1::text[]))
          ORDER BY created_at, id`,
        [[...handled]],
      )) as { id: string; topic: OutboxTopic; key: string; payload: never; created_at: Date }[];
      if (rows.length === 0) return;
      for (const row of rows) {
        handled.add(row.id);
        for (const s of t.app.get(OutboxSubscribers).of(row.topic)) {
          await s.handle({
            id: row.id,
            topic: row.topic,
            key: row.key,
            payload: row.payload,
            createdAt: row.created_at,
          });
        }
      }
    }
  };
  return { relayAll };
}
