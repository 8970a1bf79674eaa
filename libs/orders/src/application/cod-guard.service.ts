import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { Clock, CLOCK, parseVndColumn } from '@ocop/kernel';
import { PhoneConfirmationService } from '@ocop/identity';
import { assertMayPayCod, assertWithinCodCap, CodPolicy, CodRecord, codSuspendedUntil } from '../domain';

type Db = Pick<EntityManager, 'query'>;

/** Statuses of a COD order whose cash is still to be collected. */
const OPEN_COD = ['pending_payment', 'confirmed', 'shipped'];

/**
 * Cash-on-delivery guard-rails around a checkout: the rules are domain/cod-guard.ts; this reads what they need.
 * A buyer's record (deliveries made and refused) is read from the orders' own status history, so it cannot drift.
 */
@Injectable()
export class CodGuard {
  readonly policy: CodPolicy;

  constructor(
    private readonly db: DataSource,
    private readonly phones: PhoneConfirmationService,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.policy = {
      maxOpenVnd: config.COD_MAX_OPEN_VND,
      maxRefusals: config.COD_MAX_REFUSALS,
      suspensionDays: config.COD_SUSPENSION_DAYS,
      requireConfirmedPhone: config.COD_REQUIRE_CONFIRMED_PHONE,
    };
  }

  /** Before the checkout takes its key: suspension and the phone. Throws COD_SUSPENDED or PHONE_NOT_CONFIRMED. */
  async assertMayPayCod(buyerUserId: string, phone: string): Promise<void> {
    const [refusedAt, phoneConfirmed] = await Promise.all([
      this.refusals(buyerUserId),
      this.policy.requireConfirmedPhone ? this.phones.isConfirmed(buyerUserId, phone) : Promise.resolve(true),
    ]);
    assertMayPayCod({ policy: this.policy, now: this.clock.now(), refusedAt, phoneConfirmed, phone });
  }

  /**
   * In the checkout's transaction, after its orders were written: the buyer's open COD value, these orders included,
   * must stay under the cap. A lock per buyer makes two checkouts of one buyer count one after the other.
   */
  async assertWithinCap(em: EntityManager, buyerUserId: string, thisCheckoutVnd: number): Promise<void> {
    if (this.policy.maxOpenVnd === 0) return;
    await em.query(`SELECT pg_advisory_xact_lock(hashtextextended('cod-open:' || $1, 0))`, [buyerUserId]);
    const [row] = (await em.query(
      `SELECT COALESCE(SUM(total_vnd), 0) AS open FROM orders
        WHERE buyer_user_id = $1 AND payment_method = 'cod' AND status = ANY($2::text[])`,
      [buyerUserId, OPEN_COD],
    )) as { open: string }[];
    assertWithinCodCap(parseVndColumn(row?.open ?? '0') ?? 0, thisCheckoutVnd, this.policy);
  }

  /** The buyer's COD record: deliveries made and refused, and any suspension in force. */
  async record(buyerUserId: string, db: Db = this.db): Promise<CodRecord> {
    const rows = (await db.query(
      `SELECT c.event, c.created_at FROM orders o
         JOIN order_status_changes c ON c.order_id = o.id AND c.event IN ('deliver', 'refuse')
        WHERE o.buyer_user_id = $1 AND o.payment_method = 'cod'`,
      [buyerUserId],
    )) as { event: string; created_at: Date }[];
    const refusedAt = rows.filter((r) => r.event === 'refuse').map((r) => new Date(r.created_at));
    const until = codSuspendedUntil(refusedAt, this.policy);
    return {
      delivered: rows.filter((r) => r.event === 'deliver').length,
      refused: refusedAt.length,
      suspendedUntil: until && until.getTime() > this.clock.now().getTime() ? until : null,
    };
  }

  private async refusals(buyerUserId: string): Promise<Date[]> {
    const rows = (await this.db.query(
      `SELECT c.created_at FROM orders o
         JOIN order_status_changes c ON c.order_id = o.id AND c.event = 'refuse'
        WHERE o.buyer_user_id = $1 AND o.payment_method = 'cod'`,
      [buyerUserId],
    )) as { created_at: Date }[];
    return rows.map((r) => new Date(r.created_at));
  }
}
