import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { parseVndColumn, vnToday } from '@ocop/kernel';
import type { AttributionChannel, EntryKind, LedgerEntry, ReversalReason } from '../domain';

type Db = Pick<EntityManager, 'query'>;

/** placed_orders, placed_items, placed_gmv_vnd, settled_orders, settled_items, settled_gmv_vnd. */
type Figures = [number, number, number, number, number, number];

interface RawEntry {
  entry_id: string;
  kind: EntryKind;
  order_id: string;
  order_line_id: string;
  product_id: string;
  producer_id: string;
  gmv_vnd: string;
  items: number;
  orders: number;
  channel: AttributionChannel;
  session_id: string | null;
  host_user_id: string | null;
  branch_id: string | null;
  branch_path: string[];
  occurred_at: Date;
  reversal_of: string | null;
  reason: ReversalReason | null;
}

function toEntry(r: RawEntry): LedgerEntry {
  const entry: LedgerEntry = {
    entryId: r.entry_id,
    kind: r.kind,
    orderId: r.order_id,
    lineId: r.order_line_id,
    productId: r.product_id,
    producerId: r.producer_id,
    gmvVnd: parseVndColumn(r.gmv_vnd) as number,
    items: r.items,
    orders: r.orders,
    channel: r.channel,
    branchPath: Object.freeze([...r.branch_path]),
    occurredAt: r.occurred_at,
  };
  if (r.session_id !== null) entry.sessionId = r.session_id;
  if (r.host_user_id !== null) entry.hostUserId = r.host_user_id;
  if (r.branch_id !== null) entry.branchId = r.branch_id;
  if (r.reversal_of !== null) entry.reversalOf = r.reversal_of;
  if (r.reason !== null) entry.reason = r.reason;
  return Object.freeze(entry);
}

/** The Vietnam calendar day (Asia/Ho_Chi_Minh, UTC+7 all year) an entry counts on. */
export function entryDay(entry: Pick<LedgerEntry, 'occurredAt'>): string {
  return vnToday(entry.occurredAt);
}

function figuresOf(entry: LedgerEntry): Figures {
  const f: Figures = [0, 0, 0, 0, 0, 0];
  const at = entry.kind === 'placed' ? 0 : 3;
  f[at] = entry.orders;
  f[at + 1] = entry.items;
  f[at + 2] = entry.gmvVnd;
  return f;
}

function addInto(
  map: Map<string, { figures: Figures }>,
  key: string,
  make: () => { figures: Figures },
  f: Figures,
) {
  let row = map.get(key);
  if (!row) {
    row = make();
    map.set(key, row);
  }
  for (let i = 0; i < 6; i++) row.figures[i] = (row.figures[i] as number) + (f[i] as number);
}

const column = (rows: { figures: Figures }[], i: number) => rows.map((r) => r.figures[i]);

const ADD_FIGURES = `placed_orders = t.placed_orders + EXCLUDED.placed_orders,
         placed_items = t.placed_items + EXCLUDED.placed_items,
         placed_gmv_vnd = t.placed_gmv_vnd + EXCLUDED.placed_gmv_vnd,
         settled_orders = t.settled_orders + EXCLUDED.settled_orders,
         settled_items = t.settled_items + EXCLUDED.settled_items,
         settled_gmv_vnd = t.settled_gmv_vnd + EXCLUDED.settled_gmv_vnd`;

/**
 * The append-only ledger and the roll-up tables kept from it, in plain SQL. Entries are written with one statement
 * whose ON CONFLICT skips what is already there (same entry id, or an original already reversed), and only the
 * entries actually written move the roll-ups, so a redelivered message changes nothing.
 */
@Injectable()
export class LedgerRepository {
  async entriesOfOrder(db: Db, orderId: string): Promise<LedgerEntry[]> {
    const rows = (await db.query(
      `SELECT entry_id, kind, order_id, order_line_id, product_id, producer_id, gmv_vnd, items, orders, channel,
              session_id, host_user_id, branch_id, branch_path::text[] AS branch_path, occurred_at, reversal_of, reason
       FROM ledger_entries WHERE order_id = $1
       ORDER BY occurred_at, entry_id`,
      [orderId],
    )) as RawEntry[];
    return rows.map(toEntry);
  }

  /** Appends the entries; returns those written by this call (the others were already in the ledger). */
  async append(db: Db, entries: readonly LedgerEntry[]): Promise<LedgerEntry[]> {
    if (entries.length === 0) return [];
    const rows = (await db.query(
      `INSERT INTO ledger_entries (entry_id, kind, order_id, order_line_id, product_id, producer_id, gmv_vnd, items,
         orders, channel, session_id, host_user_id, branch_id, branch_path, occurred_at, day, reversal_of, reason)
       SELECT e.entry_id, e.kind, e.order_id, e.line_id, e.product_id, e.producer_id, e.gmv, e.items, e.orders,
         e.channel, e.session_id, e.host_user_id, e.branch_id, string_to_array(e.branch_path, ',')::uuid[],
         e.occurred_at, e.day, e.reversal_of, e.reason
       FROM unnest($1::text[], $2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::bigint[], $8::int[],
         $9::int[], $10::text[], $11::uuid[], $12::uuid[], $13::uuid[], $14::text[], $15::timestamptz[], $16::date[],
         $17::text[], $18::text[]) WITH ORDINALITY
         AS e(entry_id, kind, order_id, line_id, product_id, producer_id, gmv, items, orders, channel, session_id,
           host_user_id, branch_id, branch_path, occurred_at, day, reversal_of, reason, n)
       ORDER BY e.n
       ON CONFLICT DO NOTHING
       RETURNING entry_id`,
      [
        entries.map((e) => e.entryId),
        entries.map((e) => e.kind),
        entries.map((e) => e.orderId),
        entries.map((e) => e.lineId),
        entries.map((e) => e.productId),
        entries.map((e) => e.producerId),
        entries.map((e) => e.gmvVnd),
        entries.map((e) => e.items),
        entries.map((e) => e.orders),
        entries.map((e) => e.channel),
        entries.map((e) => e.sessionId ?? null),
        entries.map((e) => e.hostUserId ?? null),
        entries.map((e) => e.branchId ?? null),
        entries.map((e) => e.branchPath.join(',')),
        entries.map((e) => e.occurredAt.toISOString()),
        entries.map((e) => entryDay(e)),
        entries.map((e) => e.reversalOf ?? null),
        entries.map((e) => e.reason ?? null),
      ],
    )) as { entry_id: string }[];
    const written = new Set(rows.map((r) => r.entry_id));
    return entries.filter((e) => written.has(e.entryId));
  }

  /**
   * Adds the entries' figures to the roll-ups of their day: branch_day_totals 'own' for the credited branch and
   * 'subtree' for every branch on the stored path, streamer_day_totals for the credited streamer. One multi-row
   * upsert per table, rows locked in key order (branches, then streamers) so concurrent writers never deadlock.
   * Every sale of a day also touches its root's subtree row, whose lock is held only to the end of the message's
   * short transaction; any number of workers share the messages, and should one day's sales ever outrun that row,
   * it is the one to split (a shard per worker, summed on read).
   */
  async rollUp(db: Db, entries: readonly LedgerEntry[]): Promise<void> {
    const branches = new Map<
      string,
      { branchId: string; scope: 'own' | 'subtree'; day: string; figures: Figures }
    >();
    const streamers = new Map<
      string,
      { hostUserId: string; branchId: string; path: string; day: string; figures: Figures }
    >();
    for (const e of entries) {
      if (e.branchId === undefined) continue;
      const branchId = e.branchId;
      const day = entryDay(e);
      const f = figuresOf(e);
      const zero = (): Figures => [0, 0, 0, 0, 0, 0];
      addInto(
        branches,
        `${branchId}|own|${day}`,
        () => ({ branchId, scope: 'own', day, figures: zero() }),
        f,
      );
      for (const id of new Set(e.branchPath)) {
        addInto(
          branches,
          `${id}|subtree|${day}`,
          () => ({ branchId: id, scope: 'subtree', day, figures: zero() }),
          f,
        );
      }
      if (e.hostUserId !== undefined) {
        const hostUserId = e.hostUserId;
        const path = e.branchPath.join(',');
        addInto(
          streamers,
          `${hostUserId}|${day}|${path}`,
          () => ({ hostUserId, branchId, path, day, figures: zero() }),
          f,
        );
      }
    }
    if (branches.size > 0) {
      const rows = [...branches.values()];
      await db.query(
        `INSERT INTO branch_day_totals AS t (branch_id, scope, day, placed_orders, placed_items, placed_gmv_vnd,
           settled_orders, settled_items, settled_gmv_vnd)
         SELECT d.branch_id, d.scope, d.day, d.po, d.pi, d.pg, d.so, d.si, d.sg
         FROM unnest($1::uuid[], $2::text[], $3::date[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[],
           $8::bigint[], $9::bigint[]) AS d(branch_id, scope, day, po, pi, pg, so, si, sg)
         ORDER BY d.branch_id, d.scope, d.day
         ON CONFLICT (branch_id, scope, day) DO UPDATE SET
         ${ADD_FIGURES}`,
        [
          rows.map((r) => r.branchId),
          rows.map((r) => r.scope),
          rows.map((r) => r.day),
          ...[0, 1, 2, 3, 4, 5].map((i) => column(rows, i)),
        ],
      );
    }
    if (streamers.size > 0) {
      const rows = [...streamers.values()];
      await db.query(
        `INSERT INTO streamer_day_totals AS t (host_user_id, branch_id, branch_path, day, placed_orders, placed_items,
           placed_gmv_vnd, settled_orders, settled_items, settled_gmv_vnd)
         SELECT d.host_user_id, d.branch_id, d.branch_path, d.day, d.po, d.pi, d.pg, d.so, d.si, d.sg
         FROM (
           SELECT u.host_user_id, u.branch_id, string_to_array(u.path, ',')::uuid[] AS branch_path, u.day,
                  u.po, u.pi, u.pg, u.so, u.si, u.sg
           FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::date[], $5::bigint[], $6::bigint[], $7::bigint[],
             $8::bigint[], $9::bigint[], $10::bigint[]) AS u(host_user_id, branch_id, path, day, po, pi, pg, so, si, sg)
         ) AS d
         ORDER BY d.host_user_id, d.day, d.branch_path
         ON CONFLICT (host_user_id, day, branch_path) DO UPDATE SET
         ${ADD_FIGURES}`,
        [
          rows.map((r) => r.hostUserId),
          rows.map((r) => r.branchId),
          rows.map((r) => r.path),
          rows.map((r) => r.day),
          ...[0, 1, 2, 3, 4, 5].map((i) => column(rows, i)),
        ],
      );
    }
  }
}
