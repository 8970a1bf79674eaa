import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { parseVndColumn } from '@ocop/kernel';

/** A flash deal row. `remaining` is what is still on offer; `returnedQuantity` what went back to stock at its end. */
export interface FlashDeal {
  id: string;
  sessionId: string;
  productId: string;
  productName: string;
  createdBy: string;
  priceVnd: number;
  listPriceVnd: number;
  quantity: number;
  remaining: number;
  perBuyerLimit: number;
  opensAt: Date;
  endsAt: Date;
  endedAt: Date | null;
  returnedQuantity: number | null;
  createdAt: Date;
}

export type NewFlashDeal = Omit<FlashDeal, 'remaining' | 'endedAt' | 'returnedQuantity' | 'createdAt'>;

/** What one deal's end did: the units it gave back to the product (0 when it sold out). */
export interface EndedDeal {
  id: string;
  sessionId: string;
  productId: string;
  returned: number;
}

/** The deal terms a successful take answers with. */
export interface TakenDeal {
  id: string;
  priceVnd: number;
  listPriceVnd: number;
  perBuyerLimit: number;
}

interface DealRow {
  id: string;
  session_id: string;
  product_id: string;
  product_name: string;
  created_by: string;
  price_vnd: string | number;
  list_price_vnd: string | number;
  quantity: number;
  remaining: number;
  per_buyer_limit: number;
  opens_at: Date;
  ends_at: Date;
  ended_at: Date | null;
  returned_quantity: number | null;
  created_at: Date;
}

const COLUMNS = `id, session_id, product_id, product_name, created_by, price_vnd, list_price_vnd, quantity, remaining,
  per_buyer_limit, opens_at, ends_at, ended_at, returned_quantity, created_at`;

function toDeal(row: DealRow): FlashDeal {
  return {
    id: row.id,
    sessionId: row.session_id,
    productId: row.product_id,
    productName: row.product_name,
    createdBy: row.created_by,
    priceVnd: parseVndColumn(row.price_vnd) as number,
    listPriceVnd: parseVndColumn(row.list_price_vnd) as number,
    quantity: row.quantity,
    remaining: row.remaining,
    perBuyerLimit: row.per_buyer_limit,
    opensAt: row.opens_at,
    endsAt: row.ends_at,
    endedAt: row.ended_at,
    returnedQuantity: row.returned_quantity,
    createdAt: row.created_at,
  };
}

/** UPDATE ... RETURNING answers [rows, affected] through EntityManager.query. */
function returned<T>(result: unknown): T[] {
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];
}

/**
 * Flash deals and their buyers' units. Every change of `remaining`, `ended_at` or a buyer's units is one conditional
 * statement: the database decides, and an ordinary refusal is zero rows, never an SQL error (callers run these
 * inside their own transactions, which an error would abort).
 */
@Injectable()
export class FlashDealsRepository {
  constructor(private readonly db: DataSource) {}

  /** Inserts the deal unless another one of the product in this session has not ended (then null). */
  async insert(em: EntityManager, deal: NewFlashDeal): Promise<FlashDeal | null> {
    const rows = (await em.query(
      `INSERT INTO flash_deals (id, session_id, product_id, product_name, created_by, price_vnd, list_price_vnd,
                                quantity, remaining, per_buyer_limit, opens_at, ends_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10, $11)
       ON CONFLICT (session_id, product_id) WHERE ended_at IS NULL DO NOTHING
       RETURNING ${COLUMNS}`,
      [
        deal.id,
        deal.sessionId,
        deal.productId,
        deal.productName,
        deal.createdBy,
        deal.priceVnd,
        deal.listPriceVnd,
        deal.quantity,
        deal.perBuyerLimit,
        deal.opensAt,
        deal.endsAt,
      ],
    )) as DealRow[];
    return rows[0] ? toDeal(rows[0]) : null;
  }

  async findById(id: string, em?: EntityManager): Promise<FlashDeal | null> {
    const rows = (await (em ?? this.db).query(`SELECT ${COLUMNS} FROM flash_deals WHERE id = $1`, [
      id,
    ])) as DealRow[];
    return rows[0] ? toDeal(rows[0]) : null;
  }

  /** The deal of this lineup product that has not ended (at most one, by the partial unique index). */
  async findRunning(sessionId: string, productId: string, em?: EntityManager): Promise<FlashDeal | null> {
    const rows = (await (em ?? this.db).query(
      `SELECT ${COLUMNS} FROM flash_deals WHERE session_id = $1 AND product_id = $2 AND ended_at IS NULL`,
      [sessionId, productId],
    )) as DealRow[];
    return rows[0] ? toDeal(rows[0]) : null;
  }

  /** The session's deals, newest first (a session of a few hours holds a handful per product). */
  async listBySession(sessionId: string, limit: number): Promise<FlashDeal[]> {
    const rows = (await this.db.query(
      `SELECT ${COLUMNS} FROM flash_deals WHERE session_id = $1 ORDER BY created_at DESC, id LIMIT $2`,
      [sessionId, limit],
    )) as DealRow[];
    return rows.map(toDeal);
  }

  /**
   * Ends the deal if it has not ended (and, with `dueOnly`, only once its end time has come): ended_at is the
   * earlier of now and its end time, what is still on offer moves to returned_quantity and remaining drops to 0,
   * all in one statement. Null when it had already ended (or is not due), so racing callers end it exactly once.
   */
  async markEnded(em: EntityManager, id: string, now: Date, dueOnly: boolean): Promise<EndedDeal | null> {
    const rows = returned<{ id: string; session_id: string; product_id: string; returned_quantity: number }>(
      await em.query(
        `UPDATE flash_deals
            SET ended_at = LEAST($2::timestamptz, ends_at), returned_quantity = remaining, remaining = 0
          WHERE id = $1 AND ended_at IS NULL AND (NOT $3::boolean OR ends_at <= $2::timestamptz)
          RETURNING id, session_id, product_id, returned_quantity`,
        [id, now, dueOnly],
      ),
    );
    const row = rows[0];
    return row
      ? { id: row.id, sessionId: row.session_id, productId: row.product_id, returned: row.returned_quantity }
      : null;
  }

  /** Deals that should have ended: past their end time, or their session is no longer live. Oldest end first. */
  async dueForEnd(now: Date, limit: number): Promise<string[]> {
    const rows = (await this.db.query(
      `SELECT d.id FROM flash_deals d JOIN live_sessions s ON s.id = d.session_id
        WHERE d.ended_at IS NULL AND (d.ends_at <= $1 OR s.status <> 'live')
        ORDER BY d.ends_at, d.id LIMIT $2`,
      [now, limit],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** The lineup products of a session with a deal that has not ended (upcoming or open). */
  async runningProductsOfSession(sessionId: string): Promise<string[]> {
    const rows = (await this.db.query(
      `SELECT product_id FROM flash_deals WHERE session_id = $1 AND ended_at IS NULL`,
      [sessionId],
    )) as { product_id: string }[];
    return rows.map((r) => r.product_id);
  }

  async runningOfSession(sessionId: string): Promise<string[]> {
    const rows = (await this.db.query(
      `SELECT id FROM flash_deals WHERE session_id = $1 AND ended_at IS NULL ORDER BY id`,
      [sessionId],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /**
   * Takes `quantity` units off the open deal of the lineup product (that deal only, when `dealId` is given), if it
   * still has them. The row stays locked until the caller's transaction ends. Null when refused.
   */
  async take(
    em: EntityManager,
    input: { dealId: string | null; sessionId: string; productId: string; quantity: number; now: Date },
  ): Promise<TakenDeal | null> {
    const rows = returned<{
      id: string;
      price_vnd: string | number;
      list_price_vnd: string | number;
      per_buyer_limit: number;
    }>(
      await em.query(
        `UPDATE flash_deals SET remaining = remaining - $4
          WHERE session_id = $2 AND product_id = $3 AND ($1::uuid IS NULL OR id = $1::uuid)
            AND ended_at IS NULL AND opens_at <= $5 AND ends_at > $5 AND remaining >= $4
          RETURNING id, price_vnd, list_price_vnd, per_buyer_limit`,
        [input.dealId, input.sessionId, input.productId, input.quantity, input.now],
      ),
    );
    const row = rows[0];
    return row
      ? {
          id: row.id,
          priceVnd: parseVndColumn(row.price_vnd) as number,
          listPriceVnd: parseVndColumn(row.list_price_vnd) as number,
          perBuyerLimit: row.per_buyer_limit,
        }
      : null;
  }

  /** Puts units back on offer (a take undone in the same transaction, or a cancelled order's units). */
  async addRemaining(em: EntityManager, dealId: string, quantity: number): Promise<void> {
    await em.query(`UPDATE flash_deals SET remaining = remaining + $2 WHERE id = $1`, [dealId, quantity]);
  }

  /**
   * Adds units to the buyer's count unless that would pass `limit`; the new count, or null when refused. A first
   * take above the limit inserts nothing (INSERT ... SELECT ... WHERE), a later one updates nothing (the WHERE of
   * ON CONFLICT DO UPDATE), so neither raises.
   */
  async addBuyerUnits(
    em: EntityManager,
    dealId: string,
    buyerUserId: string,
    quantity: number,
    limit: number,
  ): Promise<number | null> {
    const rows = (await em.query(
      `INSERT INTO flash_deal_buyers AS b (deal_id, buyer_user_id, quantity)
       SELECT $1::uuid, $2::uuid, $3::int WHERE $3::int <= $4::int
       ON CONFLICT (deal_id, buyer_user_id) DO UPDATE SET quantity = b.quantity + excluded.quantity
         WHERE b.quantity + excluded.quantity <= $4::int
       RETURNING b.quantity`,
      [dealId, buyerUserId, quantity, limit],
    )) as { quantity: number }[];
    return rows[0]?.quantity ?? null;
  }

  async buyerUnits(em: EntityManager, dealId: string, buyerUserId: string): Promise<number> {
    const rows = (await em.query(
      `SELECT quantity FROM flash_deal_buyers WHERE deal_id = $1 AND buyer_user_id = $2`,
      [dealId, buyerUserId],
    )) as { quantity: number }[];
    return rows[0]?.quantity ?? 0;
  }

  async removeBuyerUnits(
    em: EntityManager,
    dealId: string,
    buyerUserId: string,
    quantity: number,
  ): Promise<void> {
    await em.query(
      `UPDATE flash_deal_buyers SET quantity = GREATEST(0, quantity - $3) WHERE deal_id = $1 AND buyer_user_id = $2`,
      [dealId, buyerUserId, quantity],
    );
  }

  /** Locks the deal row (FOR UPDATE): returning units is serialised with takes and with the deal's end. */
  async lock(em: EntityManager, dealId: string): Promise<FlashDeal | null> {
    const rows = (await em.query(`SELECT ${COLUMNS} FROM flash_deals WHERE id = $1 FOR UPDATE`, [
      dealId,
    ])) as DealRow[];
    return rows[0] ? toDeal(rows[0]) : null;
  }
}
