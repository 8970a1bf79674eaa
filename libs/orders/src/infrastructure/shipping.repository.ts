import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { parseVndColumn } from '@ocop/kernel';
import { FREE_SHIPPING, ShippingRate } from '../domain';

type Db = Pick<EntityManager, 'query'>;

/** A producer's name and phone as the buyer of one of its orders may see them. */
export interface ProducerContact {
  producerId: string;
  name: string;
  /** E.164. */
  phone: string;
}

/** Producers' shipping rates (producer_shipping_rates), contacts of producers, and running deal prices for quotes. */
@Injectable()
export class ShippingRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The rate of each producer asked for; a producer who set none ships free. */
  async ratesOf(
    producerIds: readonly string[],
    db: Db = this.dataSource,
  ): Promise<Map<string, ShippingRate>> {
    const rates = new Map<string, ShippingRate>(producerIds.map((id) => [id, FREE_SHIPPING]));
    if (producerIds.length === 0) return rates;
    const rows = (await db.query(
      `SELECT producer_id, flat_fee_vnd, free_from_vnd FROM producer_shipping_rates WHERE producer_id = ANY($1::uuid[])`,
      [producerIds],
    )) as { producer_id: string; flat_fee_vnd: string; free_from_vnd: string | null }[];
    for (const r of rows) {
      rates.set(r.producer_id, {
        flatFeeVnd: parseVndColumn(r.flat_fee_vnd) as number,
        freeFromVnd: parseVndColumn(r.free_from_vnd),
      });
    }
    return rates;
  }

  async saveRate(producerId: string, rate: ShippingRate): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO producer_shipping_rates (producer_id, flat_fee_vnd, free_from_vnd) VALUES ($1, $2, $3)
       ON CONFLICT (producer_id) DO UPDATE
         SET flat_fee_vnd = EXCLUDED.flat_fee_vnd, free_from_vnd = EXCLUDED.free_from_vnd, updated_at = now()`,
      [producerId, rate.flatFeeVnd, rate.freeFromVnd],
    );
  }

  async contactsOf(producerIds: readonly string[]): Promise<Map<string, ProducerContact>> {
    const contacts = new Map<string, ProducerContact>();
    if (producerIds.length === 0) return contacts;
    const rows = (await this.dataSource.query(
      `SELECT id, name, phone FROM producers WHERE id = ANY($1::uuid[])`,
      [[...new Set(producerIds)]],
    )) as { id: string; name: string; phone: string }[];
    for (const r of rows) contacts.set(r.id, { producerId: r.id, name: r.name, phone: r.phone });
    return contacts;
  }

  /** An order's status changes, oldest first: the timeline its buyer sees. */
  async historyOf(orderId: string): Promise<{ status: string; at: Date }[]> {
    const rows = (await this.dataSource.query(
      `SELECT to_status, created_at FROM order_status_changes WHERE order_id = $1 ORDER BY created_at, id`,
      [orderId],
    )) as { to_status: string; created_at: Date }[];
    return rows.map((r) => ({ status: r.to_status, at: r.created_at }));
  }

  /** The price of each flash deal running now in a session, by product (for a quote; the checkout decides). */
  async runningDealPrices(sessionId: string, productIds: readonly string[]): Promise<Map<string, number>> {
    const prices = new Map<string, number>();
    if (productIds.length === 0) return prices;
    const rows = (await this.dataSource.query(
      `SELECT product_id, price_vnd FROM flash_deals
       WHERE session_id = $1 AND product_id = ANY($2::uuid[]) AND ended_at IS NULL
         AND opens_at <= now() AND ends_at > now()`,
      [sessionId, productIds],
    )) as { product_id: string; price_vnd: string }[];
    for (const r of rows) prices.set(r.product_id, parseVndColumn(r.price_vnd) as number);
    return prices;
  }
}
