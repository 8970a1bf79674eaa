import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { parseVndColumn } from '@ocop/kernel';
import type { DeliveryAddress, OrderStatus, PaymentMethod } from '../domain';

export interface OrderLineRow {
  id: string;
  productId: string;
  productName: string;
  listUnitPriceVnd: number;
  unitPriceVnd: number;
  dealId: string | null;
  quantity: number;
  lineTotalVnd: number;
  sessionId: string | null;
  hostUserId: string | null;
  branchId: string | null;
  branchPath: string[] | null;
}

export interface OrderRow {
  id: string;
  checkoutId: string;
  buyerUserId: string;
  producerId: string;
  status: OrderStatus;
  paymentMethod: PaymentMethod;
  paymentId: string | null;
  /** Goods plus the shipping fee: what the buyer pays (the courier collects it on delivery for COD). */
  totalVnd: number;
  /** The producer's shipping fee charged on this order (part of totalVnd). */
  shippingFeeVnd: number;
  /** The short code the buyer reads out on the phone. */
  code: string;
  deliveryAddress: DeliveryAddress;
  referralCode: string | null;
  expiresAt: Date | null;
  placedAt: Date;
  sessionId: string | null;
  version: number;
}

export interface OrderWithLines extends OrderRow {
  lines: OrderLineRow[];
}

export interface StoredCheckout {
  id: string;
  fingerprint: string;
  result: unknown;
  createdAt: Date;
}

type Db = Pick<EntityManager, 'query'>;

/** pg answers an UPDATE ... RETURNING through TypeORM as [rows, count]; a SELECT or INSERT as rows. */
function returned<T>(result: unknown): T[] {
  const list = result as unknown[];
  if (list.length === 2 && Array.isArray(list[0]) && typeof list[1] === 'number') return list[0] as T[];
  return list as T[];
}

const ORDER_COLUMNS = `id, checkout_id, buyer_user_id, producer_id, status, payment_method, payment_id, total_vnd,
  shipping_fee_vnd, code, delivery_address, referral_code, expires_at, placed_at, session_id, version`;

/** PostgreSQL's unique_violation, and the index that keeps order codes unique. */
const UNIQUE_VIOLATION = '23505';
const ORDER_CODE_INDEX = 'orders_code_key';
/** Draws of a new code after a collision before giving up (each collision is about one in a million). */
const ORDER_CODE_ATTEMPTS = 5;

function isCodeCollision(error: unknown): boolean {
  const e = error as {
    code?: string;
    constraint?: string;
    driverError?: { code?: string; constraint?: string };
  };
  const code = e.driverError?.code ?? e.code;
  const constraint = e.driverError?.constraint ?? e.constraint;
  return code === UNIQUE_VIOLATION && constraint === ORDER_CODE_INDEX;
}

interface RawOrder {
  id: string;
  checkout_id: string;
  buyer_user_id: string;
  producer_id: string;
  status: OrderStatus;
  payment_method: PaymentMethod;
  payment_id: string | null;
  total_vnd: string;
  shipping_fee_vnd: string;
  code: string;
  delivery_address: DeliveryAddress;
  referral_code: string | null;
  expires_at: Date | null;
  placed_at: Date;
  session_id: string | null;
  version: number;
}

interface RawLine {
  id: string;
  order_id: string;
  product_id: string;
  product_name: string;
  list_unit_price_vnd: string;
  deal_id: string | null;
  unit_price_vnd: string;
  quantity: number;
  line_total_vnd: string;
  session_id: string | null;
  host_user_id: string | null;
  branch_id: string | null;
  branch_path: string[] | null;
}

function toOrder(r: RawOrder): OrderRow {
  return {
    id: r.id,
    checkoutId: r.checkout_id,
    buyerUserId: r.buyer_user_id,
    producerId: r.producer_id,
    status: r.status,
    paymentMethod: r.payment_method,
    paymentId: r.payment_id,
    totalVnd: parseVndColumn(r.total_vnd) as number,
    shippingFeeVnd: parseVndColumn(r.shipping_fee_vnd) as number,
    code: r.code,
    deliveryAddress: r.delivery_address,
    referralCode: r.referral_code,
    expiresAt: r.expires_at,
    placedAt: r.placed_at,
    sessionId: r.session_id,
    version: r.version,
  };
}

function toLine(r: RawLine): OrderLineRow {
  return {
    id: r.id,
    productId: r.product_id,
    productName: r.product_name,
    listUnitPriceVnd: parseVndColumn(r.list_unit_price_vnd) as number,
    dealId: r.deal_id,
    unitPriceVnd: parseVndColumn(r.unit_price_vnd) as number,
    quantity: r.quantity,
    lineTotalVnd: parseVndColumn(r.line_total_vnd) as number,
    sessionId: r.session_id,
    hostUserId: r.host_user_id,
    branchId: r.branch_id,
    branchPath: r.branch_path,
  };
}

/** Checkouts, orders, lines and status history, in plain SQL (every statement uses an index of the migration). */
@Injectable()
export class OrdersRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Claims (buyer, key) for a new checkout, with a lease. Null when the key is taken (then read it with
   * findCheckout). A claim whose holder died (no answer stored and the lease ran out) is taken over by a retry with
   * the same body: `takenOver` says so, and the caller must look for orders the first holder may have committed.
   */
  async claimCheckout(
    buyerUserId: string,
    key: string,
    fingerprint: string,
    leaseSeconds: number,
  ): Promise<{ id: string; takenOver: boolean } | null> {
    const rows = (await this.dataSource.query(
      `INSERT INTO checkouts (buyer_user_id, idempotency_key, fingerprint, lease_until)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4))
       ON CONFLICT (buyer_user_id, idempotency_key) DO UPDATE SET lease_until = EXCLUDED.lease_until
         WHERE checkouts.result IS NULL AND checkouts.lease_until < now() AND checkouts.fingerprint = EXCLUDED.fingerprint
       RETURNING id, (xmax <> 0) AS taken_over`,
      [buyerUserId, key, fingerprint, leaseSeconds],
    )) as { id: string; taken_over: boolean }[];
    return rows[0] ? { id: rows[0].id, takenOver: rows[0].taken_over } : null;
  }

  /** Orders a checkout placed (a checkout taken over after a crash may already have them). */
  async ordersOfCheckout(checkoutId: string): Promise<OrderWithLines[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${ORDER_COLUMNS} FROM orders WHERE checkout_id = $1 ORDER BY placed_at, id`,
      [checkoutId],
    )) as RawOrder[];
    return this.withLines(rows.map(toOrder));
  }

  async findCheckout(buyerUserId: string, key: string): Promise<StoredCheckout | null> {
    const rows = (await this.dataSource.query(
      `SELECT id, fingerprint, result, created_at FROM checkouts WHERE buyer_user_id = $1 AND idempotency_key = $2`,
      [buyerUserId, key],
    )) as { id: string; fingerprint: string; result: unknown; created_at: Date }[];
    const r = rows[0];
    return r
      ? { id: r.id, fingerprint: r.fingerprint, result: r.result ?? undefined, createdAt: r.created_at }
      : null;
  }

  async storeCheckoutResult(id: string, result: unknown, em?: Db): Promise<void> {
    await (em ?? this.dataSource).query(`UPDATE checkouts SET result = $2 WHERE id = $1`, [
      id,
      JSON.stringify(result),
    ]);
  }

  /** Frees the key after an unexpected failure, so that a retry with it runs again. */
  async releaseCheckout(id: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM checkouts c WHERE c.id = $1 AND c.result IS NULL
         AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.checkout_id = c.id)`,
      [id],
    );
  }

  /**
   * The order, its lines and its first history row in ONE statement (data-modifying CTEs; the foreign keys are
   * checked at its end): one round trip inside the checkout's transaction.
   */
  /**
   * Inserts the order with a code drawn by `newCode`; when the code is already taken (the unique index says so), the
   * insert is rolled back to a savepoint and tried again with a new code. The code the order got.
   */
  async insertOrder(
    em: Db,
    order: Omit<OrderRow, 'version' | 'code'> & { shareCode: string | null },
    lines: OrderLineRow[],
    newCode: () => string,
  ): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      const code = newCode();
      await em.query(`SAVEPOINT order_code`);
      try {
        await this.insertOrderOnce(em, { ...order, code }, lines);
        await em.query(`RELEASE SAVEPOINT order_code`);
        return code;
      } catch (error) {
        await em.query(`ROLLBACK TO SAVEPOINT order_code`);
        if (!isCodeCollision(error) || attempt >= ORDER_CODE_ATTEMPTS) throw error;
      }
    }
  }

  private async insertOrderOnce(
    em: Db,
    order: Omit<OrderRow, 'version'> & { shareCode: string | null },
    lines: OrderLineRow[],
  ): Promise<void> {
    await em.query(
      `WITH o AS (
         INSERT INTO orders (id, checkout_id, buyer_user_id, producer_id, status, payment_method, total_vnd,
           delivery_address, referral_code, expires_at, placed_at, updated_at, session_id, share_code, payment_id,
           shipping_fee_vnd, code)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12, $13, $14, $27, $28)
         RETURNING id, status
       ),
       l AS (
         INSERT INTO order_lines (id, order_id, position, product_id, product_name, list_unit_price_vnd,
           unit_price_vnd, quantity, line_total_vnd, deal_id, session_id, host_user_id, branch_id, branch_path)
         SELECT l.id, o.id, l.n, l.product_id, l.product_name, l.list_unit_price_vnd, l.unit_price_vnd, l.quantity,
           l.line_total_vnd, l.deal_id, l.session_id, l.host_user_id, l.branch_id,
           CASE WHEN l.branch_path IS NULL THEN NULL ELSE string_to_array(l.branch_path, ',')::uuid[] END
         FROM o, unnest($15::uuid[], $16::text[], $17::bigint[], $18::int[], $19::bigint[], $20::uuid[], $21::uuid[],
                        $22::uuid[], $23::text[], $24::uuid[], $25::bigint[], $26::uuid[])
           WITH ORDINALITY AS l(product_id, product_name, unit_price_vnd, quantity, line_total_vnd, session_id,
             host_user_id, branch_id, branch_path, id, list_unit_price_vnd, deal_id, n)
         RETURNING 1
       ),
       c AS (
         INSERT INTO order_status_changes (order_id, from_status, to_status, event, actor)
         SELECT o.id, NULL, o.status, 'place', 'shopper' FROM o
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM l)::int AS lines, (SELECT count(*) FROM c)::int AS changes`,
      [
        order.id,
        order.checkoutId,
        order.buyerUserId,
        order.producerId,
        order.status,
        order.paymentMethod,
        order.totalVnd,
        JSON.stringify(order.deliveryAddress),
        order.referralCode,
        order.expiresAt,
        order.placedAt,
        order.sessionId,
        order.shareCode,
        order.paymentId,
        lines.map((l) => l.productId),
        lines.map((l) => l.productName),
        lines.map((l) => l.unitPriceVnd),
        lines.map((l) => l.quantity),
        lines.map((l) => l.lineTotalVnd),
        lines.map((l) => l.sessionId),
        lines.map((l) => l.hostUserId),
        lines.map((l) => l.branchId),
        lines.map((l) => (l.branchPath ? l.branchPath.join(',') : null)),
        lines.map((l) => l.id),
        lines.map((l) => l.listUnitPriceVnd),
        lines.map((l) => l.dealId),
        order.shippingFeeVnd,
        order.code,
      ],
    );
  }

  async recordChange(
    em: Db,
    orderId: string,
    from: OrderStatus | null,
    to: OrderStatus,
    event: string,
    actor: string,
  ): Promise<void> {
    await em.query(
      `INSERT INTO order_status_changes (order_id, from_status, to_status, event, actor) VALUES ($1, $2, $3, $4, $5)`,
      [orderId, from, to, event, actor],
    );
  }

  async setPayment(orderIds: string[], paymentId: string): Promise<void> {
    await this.dataSource.query(`UPDATE orders SET payment_id = $2 WHERE id = ANY($1::uuid[])`, [
      orderIds,
      paymentId,
    ]);
  }

  /**
   * Attaches a card payment to the checkout's orders that still await one: only orders still pending payment and
   * without another payment, so a payment started late never lands on an expired or cancelled order. The ids attached.
   */
  async attachCardPayment(orderIds: string[], paymentId: string): Promise<string[]> {
    const rows = returned<{ id: string }>(
      await this.dataSource.query(
        `UPDATE orders SET payment_id = $2, updated_at = now()
         WHERE id = ANY($1::uuid[]) AND status = 'pending_payment' AND (payment_id IS NULL OR payment_id = $2)
         RETURNING id`,
        [orderIds, paymentId],
      ),
    );
    return rows.map((r) => r.id);
  }

  /**
   * Moves an order from `from` to `to` only if it is still in `from` (and, for expiry, due): the one statement that
   * decides, so concurrent jobs, sweepers and webhooks apply a transition once. Null when it did not apply.
   */
  async transitionIf(
    em: Db,
    orderId: string,
    from: OrderStatus,
    to: OrderStatus,
    options: { dueBy?: Date } = {},
  ): Promise<OrderRow | null> {
    const rows = returned<RawOrder>(
      await em.query(
        `UPDATE orders SET status = $3, version = version + 1, updated_at = now()
         WHERE id = $1 AND status = $2 AND ($4::timestamptz IS NULL OR expires_at <= $4)
         RETURNING ${ORDER_COLUMNS}`,
        [orderId, from, to, options.dueBy ?? null],
      ),
    );
    return rows[0] ? toOrder(rows[0]) : null;
  }

  async linesOf(db: Db, orderIds: string[]): Promise<Map<string, OrderLineRow[]>> {
    const byOrder = new Map<string, OrderLineRow[]>(orderIds.map((id) => [id, []]));
    if (orderIds.length === 0) return byOrder;
    const rows = (await db.query(
      `SELECT id, order_id, product_id, product_name, list_unit_price_vnd, deal_id, unit_price_vnd, quantity, line_total_vnd, session_id, host_user_id,
              branch_id, branch_path::text[] AS branch_path
       FROM order_lines WHERE order_id = ANY($1::uuid[]) ORDER BY order_id, position`,
      [orderIds],
    )) as RawLine[];
    for (const row of rows) byOrder.get(row.order_id)?.push(toLine(row));
    return byOrder;
  }

  async findById(id: string): Promise<OrderWithLines | null> {
    const rows = (await this.dataSource.query(`SELECT ${ORDER_COLUMNS} FROM orders WHERE id = $1`, [
      id,
    ])) as RawOrder[];
    if (!rows[0]) return null;
    const [order] = await this.withLines([toOrder(rows[0])]);
    return order ?? null;
  }

  private async withLines(orders: OrderRow[]): Promise<OrderWithLines[]> {
    const lines = await this.linesOf(
      this.dataSource,
      orders.map((o) => o.id),
    );
    return orders.map((o) => ({ ...o, lines: lines.get(o.id) ?? [] }));
  }

  /**
   * Card orders placed since `since` that a succeeded payment would still move (pending_payment -> confirmed;
   * expired or cancelled -> refund_due), with their payment: the reconciliation asks payments how those stand.
   */
  async cardOrdersAwaitingPaymentOutcome(since: Date, limit: number): Promise<OrderRow[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${ORDER_COLUMNS} FROM orders
       WHERE payment_method = 'card' AND status IN ('pending_payment', 'expired', 'cancelled')
         AND payment_id IS NOT NULL AND placed_at >= $1
       ORDER BY placed_at, id
       LIMIT $2`,
      [since, limit],
    )) as RawOrder[];
    return rows.map(toOrder);
  }

  /** Orders paid by a payment started with `reference` (an order id or a checkout id). */
  async findByPaymentReference(reference: string): Promise<OrderRow[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${ORDER_COLUMNS} FROM orders WHERE id = $1 UNION ALL SELECT ${ORDER_COLUMNS} FROM orders WHERE checkout_id = $1`,
      [reference],
    )) as RawOrder[];
    return rows.map(toOrder);
  }

  /** The orders of several payment references (order ids or checkout ids) at once. */
  async findByPaymentReferences(references: readonly string[]): Promise<OrderRow[]> {
    if (references.length === 0) return [];
    const rows = (await this.dataSource.query(
      `SELECT ${ORDER_COLUMNS} FROM orders WHERE id = ANY($1::uuid[])
       UNION ALL SELECT ${ORDER_COLUMNS} FROM orders WHERE checkout_id = ANY($1::uuid[])`,
      [references],
    )) as RawOrder[];
    return rows.map(toOrder);
  }

  async pageOfBuyer(
    buyerUserId: string,
    limit: number,
    offset: number,
  ): Promise<{ items: OrderWithLines[]; total: number }> {
    const [rows, count] = await Promise.all([
      this.dataSource.query(
        `SELECT ${ORDER_COLUMNS} FROM orders WHERE buyer_user_id = $1 ORDER BY placed_at DESC, id DESC LIMIT $2 OFFSET $3`,
        [buyerUserId, limit, offset],
      ) as Promise<RawOrder[]>,
      this.dataSource.query(`SELECT count(*)::int AS n FROM orders WHERE buyer_user_id = $1`, [
        buyerUserId,
      ]) as Promise<{ n: number }[]>,
    ]);
    return { items: await this.withLines(rows.map(toOrder)), total: count[0]?.n ?? 0 };
  }

  /** The order, locked for the transaction (its status decides what may happen next). */
  async lockById(em: Db, id: string): Promise<OrderRow | null> {
    const rows = (await em.query(`SELECT ${ORDER_COLUMNS} FROM orders WHERE id = $1 FOR UPDATE`, [
      id,
    ])) as RawOrder[];
    return rows[0] ? toOrder(rows[0]) : null;
  }

  /** Orders waiting for their money back since before `since` (the refund request failed; the sweeper retries). */
  async refundDueSince(since: Date, limit: number): Promise<OrderRow[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${ORDER_COLUMNS} FROM orders WHERE status = 'refund_due' AND updated_at <= $1 ORDER BY updated_at LIMIT $2`,
      [since, limit],
    )) as RawOrder[];
    return rows.map(toOrder);
  }

  /** A producer's orders, newest first, optionally of one status, optionally the one with a code (orders_code_key). */
  async pageOfProducer(
    producerId: string,
    status: OrderStatus | null,
    limit: number,
    offset: number,
    code: string | null = null,
  ): Promise<{ items: OrderWithLines[]; total: number }> {
    const where = `producer_id = $1 AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR code = $3)`;
    const [rows, count] = await Promise.all([
      this.dataSource.query(
        `SELECT ${ORDER_COLUMNS} FROM orders WHERE ${where}
         ORDER BY placed_at DESC, id DESC LIMIT $4 OFFSET $5`,
        [producerId, status, code, limit, offset],
      ) as Promise<RawOrder[]>,
      this.dataSource.query(`SELECT count(*)::int AS n FROM orders WHERE ${where}`, [
        producerId,
        status,
        code,
      ]) as Promise<{ n: number }[]>,
    ]);
    return { items: await this.withLines(rows.map(toOrder)), total: count[0]?.n ?? 0 };
  }

  /** Unpaid card orders whose deadline has passed, oldest first. */
  async dueForExpiry(now: Date, limit: number): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT id FROM orders WHERE status = 'pending_payment' AND expires_at <= $1 ORDER BY expires_at LIMIT $2`,
      [now, limit],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }
}
