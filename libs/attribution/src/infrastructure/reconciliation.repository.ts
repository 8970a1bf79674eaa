import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

type Db = Pick<EntityManager, 'query'>;

/** A roll-up row that differs from the ledger: its key, what the ledger sums to and what the row holds. */
export interface RollUpDrift {
  key: string;
  /** placed orders, items, GMV; settled orders, items, GMV (as strings: bigint). */
  ledger: string[];
  rollUp: string[];
}

const FIGURES = [
  'placed_orders',
  'placed_items',
  'placed_gmv_vnd',
  'settled_orders',
  'settled_items',
  'settled_gmv_vnd',
] as const;

/** Sums of the ledger's figures per group, as the roll-ups keep them (placed and settled apart; reversals subtract). */
const SUMS = `
  coalesce(sum(orders) FILTER (WHERE kind = 'placed'), 0)::bigint AS placed_orders,
  coalesce(sum(items) FILTER (WHERE kind = 'placed'), 0)::bigint AS placed_items,
  coalesce(sum(gmv_vnd) FILTER (WHERE kind = 'placed'), 0)::bigint AS placed_gmv_vnd,
  coalesce(sum(orders) FILTER (WHERE kind = 'settled'), 0)::bigint AS settled_orders,
  coalesce(sum(items) FILTER (WHERE kind = 'settled'), 0)::bigint AS settled_items,
  coalesce(sum(gmv_vnd) FILTER (WHERE kind = 'settled'), 0)::bigint AS settled_gmv_vnd`;

const col = (alias: string) => FIGURES.map((f) => `coalesce(${alias}.${f}, 0)`).join(', ');
const DIFFERS = `(${col('x')}) IS DISTINCT FROM (${col('a')})`;
const ARRAYS = `ARRAY[${col('x')}]::text[] AS ledger, ARRAY[${col('a')}]::text[] AS "rollUp"`;
const SET_ABSOLUTE = FIGURES.map((f) => `${f} = EXCLUDED.${f}`).join(', ');

/**
 * branch_day_totals as the ledger says it should be, next to what it holds, from day $1 on: per credited branch
 * ('own') and per branch of each entry's stored path ('subtree', each branch once per entry), as rollUp writes them.
 */
const BRANCH_DIFF = `
  WITH e AS (
    SELECT branch_id, branch_path, day, kind, orders, items, gmv_vnd FROM ledger_entries
    WHERE branch_id IS NOT NULL AND day >= $1::date
  ), keyed AS (
    SELECT branch_id, 'own'::text AS scope, day, kind, orders, items, gmv_vnd FROM e
    UNION ALL
    SELECT p.id, 'subtree', e.day, e.kind, e.orders, e.items, e.gmv_vnd
    FROM e CROSS JOIN LATERAL (SELECT DISTINCT unnest(e.branch_path) AS id) p
  ), x AS (
    SELECT branch_id, scope, day, ${SUMS} FROM keyed GROUP BY branch_id, scope, day
  ), a AS (
    SELECT * FROM branch_day_totals WHERE day >= $1::date
  )
  SELECT coalesce(x.branch_id, a.branch_id) AS branch_id, coalesce(x.scope, a.scope) AS scope,
         coalesce(x.day, a.day) AS day, ${ARRAYS}, ${FIGURES.map((f) => `coalesce(x.${f}, 0) AS ${f}`).join(', ')}
  FROM x FULL JOIN a ON a.branch_id = x.branch_id AND a.scope = x.scope AND a.day = x.day
  WHERE ${DIFFERS}`;

/** streamer_day_totals likewise: per credited streamer, day and stored path. */
const STREAMER_DIFF = `
  WITH x AS (
    SELECT host_user_id, day, branch_path, min(branch_id::text)::uuid AS branch_id, ${SUMS}
    FROM ledger_entries
    WHERE branch_id IS NOT NULL AND host_user_id IS NOT NULL AND day >= $1::date
    GROUP BY host_user_id, day, branch_path
  ), a AS (
    SELECT * FROM streamer_day_totals WHERE day >= $1::date
  )
  SELECT coalesce(x.host_user_id, a.host_user_id) AS host_user_id, coalesce(x.day, a.day) AS day,
         coalesce(x.branch_path, a.branch_path) AS branch_path, coalesce(x.branch_id, a.branch_id) AS branch_id,
         ${ARRAYS}, ${FIGURES.map((f) => `coalesce(x.${f}, 0) AS ${f}`).join(', ')}
  FROM x FULL JOIN a ON a.host_user_id = x.host_user_id AND a.day = x.day AND a.branch_path = x.branch_path
  WHERE ${DIFFERS}`;

interface DiffRow {
  ledger: string[];
  rollUp: string[];
}

const dayText = (day: Date | string): string =>
  typeof day === 'string' ? day : day.toISOString().slice(0, 10);

/**
 * The attribution side of the reconciliation, in plain SQL. The checks read the orders tables (orders, order_lines)
 * and the outbox read-only, like the reports do (docs/architecture.md); they write only attribution's own tables.
 */
@Injectable()
export class ReconciliationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Orders placed in [from, to) with a line lacking its attribution record or its placed ledger entry. */
  async ordersNotCredited(from: Date, to: Date, limit: number): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT o.id FROM orders o
       WHERE o.placed_at >= $1 AND o.placed_at < $2
         AND EXISTS (
           SELECT 1 FROM order_lines l WHERE l.order_id = o.id
             AND (NOT EXISTS (SELECT 1 FROM attribution_records r WHERE r.order_line_id = l.id)
               OR NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.entry_id = 'placed:' || l.id)))
       ORDER BY o.placed_at, o.id
       LIMIT $3`,
      [from, to, limit],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /**
   * Orders whose committed status changes in [from, to) call for ledger entries that are missing: a settlement
   * (a change marked settled) without a settled entry, or a cancellation, expiry or refund that left an entry of the
   * order unreversed. Only orders whose placement is credited: the placed check comes first.
   */
  async ordersWithStatusNotCredited(from: Date, to: Date, limit: number): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT m.key AS id FROM outbox m
       WHERE m.topic = 'orders.status-changed' AND m.created_at >= $1 AND m.created_at < $2
         AND EXISTS (SELECT 1 FROM ledger_entries p WHERE p.order_id = m.key::uuid AND p.kind = 'placed')
         AND (
           ((m.payload->>'settled')::boolean
             AND NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.order_id = m.key::uuid AND e.kind = 'settled'))
           OR (m.payload->>'to' IN ('cancelled', 'expired', 'refund_due', 'refunded')
             -- an expired order reinstated since (a late transfer accepted) counts again: only its status now says
             AND EXISTS (SELECT 1 FROM orders o WHERE o.id = m.key::uuid
                           AND o.status IN ('cancelled', 'expired', 'refund_due', 'refunded'))
             AND EXISTS (
               SELECT 1 FROM ledger_entries e WHERE e.order_id = m.key::uuid AND e.reversal_of IS NULL
                 AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.reversal_of = e.entry_id))))
       LIMIT $3`,
      [from, to, limit],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  async branchRollUpDrift(fromDay: string): Promise<RollUpDrift[]> {
    const rows = (await this.dataSource.query(BRANCH_DIFF, [fromDay])) as (DiffRow & {
      branch_id: string;
      scope: string;
      day: Date | string;
    })[];
    return rows.map((r) => ({
      key: `branch ${r.branch_id} ${r.scope} ${dayText(r.day)}`,
      ledger: r.ledger,
      rollUp: r.rollUp,
    }));
  }

  async streamerRollUpDrift(fromDay: string): Promise<RollUpDrift[]> {
    const rows = (await this.dataSource.query(STREAMER_DIFF, [fromDay])) as (DiffRow & {
      host_user_id: string;
      day: Date | string;
      branch_path: string[];
    })[];
    return rows.map((r) => ({
      key: `streamer ${r.host_user_id} ${dayText(r.day)} path ${r.branch_path.join('/')}`,
      ledger: r.ledger,
      rollUp: r.rollUp,
    }));
  }

  /**
   * Writes the ledger's sums over every roll-up row that differs, from day `fromDay` on. The caller's transaction
   * first locks both roll-up tables against writers (SHARE ROW EXCLUSIVE: readers go on, recorders wait a moment),
   * so the sums read after the lock and written as absolute figures cannot miss a concurrent sale. Returns how many
   * rows of each table it set.
   */
  async setRollUpsToLedger(em: Db, fromDay: string): Promise<{ branches: number; streamers: number }> {
    await em.query(`LOCK TABLE branch_day_totals, streamer_day_totals IN SHARE ROW EXCLUSIVE MODE`);
    const figures = FIGURES.join(', ');
    const branches = (await em.query(
      `INSERT INTO branch_day_totals (branch_id, scope, day, ${figures})
       SELECT branch_id, scope, day, ${figures} FROM (${BRANCH_DIFF}) d
       ON CONFLICT (branch_id, scope, day) DO UPDATE SET ${SET_ABSOLUTE}
       RETURNING 1`,
      [fromDay],
    )) as unknown[];
    const streamers = (await em.query(
      `INSERT INTO streamer_day_totals (host_user_id, branch_id, branch_path, day, ${figures})
       SELECT host_user_id, branch_id, branch_path, day, ${figures} FROM (${STREAMER_DIFF}) d
       ON CONFLICT (host_user_id, day, branch_path) DO UPDATE SET ${SET_ABSOLUTE}, branch_id = EXCLUDED.branch_id
       RETURNING 1`,
      [fromDay],
    )) as unknown[];
    return { branches: branches.length, streamers: streamers.length };
  }
}
