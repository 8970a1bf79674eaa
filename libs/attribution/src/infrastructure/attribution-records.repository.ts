import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { parseVndColumn } from '@ocop/kernel';
import type { AttributedLine, AttributionChannel, AttributionRecord, AttributionRule } from '../domain';

type Db = Pick<EntityManager, 'query'>;

/** An order line's attribution as written when the order was placed. */
export interface StoredAttribution {
  line: AttributedLine;
  buyerUserId: string;
  shareCode: string | null;
  placedAt: Date;
}

interface RawRecord {
  order_line_id: string;
  order_id: string;
  buyer_user_id: string;
  producer_id: string;
  product_id: string;
  quantity: number;
  amount_vnd: string;
  counts_order: number;
  channel: AttributionChannel;
  rule: AttributionRule;
  session_id: string | null;
  host_user_id: string | null;
  referral_code: string | null;
  share_code: string | null;
  branch_id: string | null;
  branch_path: string[];
  placed_at: Date;
  attributed_at: Date;
}

function toStored(r: RawRecord): StoredAttribution {
  const attribution: AttributionRecord = {
    channel: r.channel,
    rule: r.rule,
    branchPath: Object.freeze([...r.branch_path]),
    attributedAt: r.attributed_at,
  };
  if (r.session_id !== null) attribution.sessionId = r.session_id;
  if (r.host_user_id !== null) attribution.hostUserId = r.host_user_id;
  if (r.referral_code !== null) attribution.referralCode = r.referral_code;
  if (r.branch_id !== null) attribution.branchId = r.branch_id;
  return {
    line: {
      orderId: r.order_id,
      lineId: r.order_line_id,
      productId: r.product_id,
      producerId: r.producer_id,
      quantity: r.quantity,
      amountVnd: parseVndColumn(r.amount_vnd) as number,
      countsOrder: r.counts_order === 1 ? 1 : 0,
      attribution: Object.freeze(attribution),
    },
    buyerUserId: r.buyer_user_id,
    shareCode: r.share_code,
    placedAt: r.placed_at,
  };
}

/** attribution_records: one immutable row per order line (the table refuses UPDATE and DELETE). */
@Injectable()
export class AttributionRecordsRepository {
  /** True once the order's lines have their records (they are written together, in one transaction). */
  /**
   * Whether every line of the order has its record and its placed ledger entry (one statement): a redelivered
   * `orders.placed` stops here, while one whose effect was partly lost (a record or an entry missing) is recorded
   * again, idempotently.
   */
  async isFullyRecorded(db: Db, orderId: string, lineCount: number): Promise<boolean> {
    const [row] = (await db.query(
      `SELECT count(*)::int AS records, count(e.entry_id)::int AS entries
       FROM attribution_records r LEFT JOIN ledger_entries e ON e.entry_id = 'placed:' || r.order_line_id
       WHERE r.order_id = $1`,
      [orderId],
    )) as { records: number; entries: number }[];
    return row !== undefined && row.records === lineCount && row.entries === lineCount;
  }

  /** Writes the records with one statement; lines already recorded (a redelivered message) are left as they are. */
  async insert(db: Db, records: readonly StoredAttribution[]): Promise<void> {
    if (records.length === 0) return;
    const a = records.map((r) => r.line.attribution);
    await db.query(
      `INSERT INTO attribution_records (order_line_id, order_id, buyer_user_id, producer_id, product_id, quantity,
         amount_vnd, counts_order, channel, rule, session_id, host_user_id, referral_code, share_code, branch_id,
         branch_path, placed_at, attributed_at)
       SELECT r.line_id, r.order_id, r.buyer, r.producer_id, r.product_id, r.quantity, r.amount, r.counts_order,
         r.channel, r.rule, r.session_id, r.host_user_id, r.referral_code, r.share_code, r.branch_id,
         string_to_array(r.branch_path, ',')::uuid[], r.placed_at, r.attributed_at
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::int[], $7::bigint[], $8::smallint[],
         $9::text[], $10::text[], $11::uuid[], $12::uuid[], $13::text[], $14::text[], $15::uuid[], $16::text[],
         $17::timestamptz[], $18::timestamptz[]) WITH ORDINALITY
         AS r(line_id, order_id, buyer, producer_id, product_id, quantity, amount, counts_order, channel, rule,
           session_id, host_user_id, referral_code, share_code, branch_id, branch_path, placed_at, attributed_at, n)
       ORDER BY r.n
       ON CONFLICT (order_line_id) DO NOTHING`,
      [
        records.map((r) => r.line.lineId),
        records.map((r) => r.line.orderId),
        records.map((r) => r.buyerUserId),
        records.map((r) => r.line.producerId),
        records.map((r) => r.line.productId),
        records.map((r) => r.line.quantity),
        records.map((r) => r.line.amountVnd),
        records.map((r) => r.line.countsOrder),
        a.map((x) => x.channel),
        a.map((x) => x.rule),
        a.map((x) => x.sessionId ?? null),
        a.map((x) => x.hostUserId ?? null),
        a.map((x) => x.referralCode ?? null),
        records.map((r) => r.shareCode),
        a.map((x) => x.branchId ?? null),
        a.map((x) => x.branchPath.join(',')),
        records.map((r) => r.placedAt.toISOString()),
        a.map((x) => x.attributedAt.toISOString()),
      ],
    );
  }

  /** The order's records, the line that counts the order first. */
  async ofOrder(db: Db, orderId: string): Promise<StoredAttribution[]> {
    const rows = (await db.query(
      `SELECT order_line_id, order_id, buyer_user_id, producer_id, product_id, quantity, amount_vnd, counts_order,
              channel, rule, session_id, host_user_id, referral_code, share_code, branch_id,
              branch_path::text[] AS branch_path, placed_at, attributed_at
       FROM attribution_records WHERE order_id = $1
       ORDER BY counts_order DESC, order_line_id`,
      [orderId],
    )) as RawRecord[];
    return rows.map(toStored);
  }
}
