import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export type ListingTake = { ok: true } | { ok: false; perBuyerLimit: number; boughtByBuyer: number };

/**
 * Units each buyer holds of a lineup product in a session (live_listing_buyers), counted against the listing's
 * per-buyer limit. Counted whether or not a limit is set, so a limit the host sets mid-stream applies to what was
 * bought before it; one upsert decides, and a refusal is zero rows, never an SQL error.
 */
@Injectable()
export class ListingQuotasRepository {
  async take(
    em: EntityManager,
    input: { sessionId: string; productId: string; buyerUserId: string; quantity: number },
  ): Promise<ListingTake> {
    const params = [input.sessionId, input.productId, input.buyerUserId, input.quantity];
    const rows = (await em.query(
      `WITH listing AS (
         SELECT per_buyer_limit FROM live_session_products WHERE session_id = $1 AND product_id = $2
       )
       INSERT INTO live_listing_buyers AS b (session_id, product_id, buyer_user_id, quantity)
       SELECT $1::uuid, $2::uuid, $3::uuid, $4::int FROM listing
        WHERE listing.per_buyer_limit IS NULL OR $4::int <= listing.per_buyer_limit
       ON CONFLICT (session_id, product_id, buyer_user_id) DO UPDATE SET quantity = b.quantity + excluded.quantity
         WHERE (SELECT per_buyer_limit FROM listing) IS NULL
            OR b.quantity + excluded.quantity <= (SELECT per_buyer_limit FROM listing)
       RETURNING b.quantity`,
      params,
    )) as { quantity: number }[];
    if (rows.length > 0) return { ok: true };
    // Refused, or not a lineup product (nothing to count): read why, for the answer only.
    const why = (await em.query(
      `SELECT lp.per_buyer_limit, coalesce(b.quantity, 0)::int AS bought
         FROM live_session_products lp
         LEFT JOIN live_listing_buyers b
           ON b.session_id = lp.session_id AND b.product_id = lp.product_id AND b.buyer_user_id = $3
        WHERE lp.session_id = $1 AND lp.product_id = $2`,
      params.slice(0, 3),
    )) as { per_buyer_limit: number | null; bought: number }[];
    const listing = why[0];
    if (!listing || listing.per_buyer_limit === null) return { ok: true };
    return { ok: false, perBuyerLimit: listing.per_buyer_limit, boughtByBuyer: listing.bought };
  }

  async giveBack(
    em: EntityManager,
    input: { sessionId: string; productId: string; buyerUserId: string; quantity: number },
  ): Promise<void> {
    await em.query(
      `UPDATE live_listing_buyers SET quantity = GREATEST(0, quantity - $4)
        WHERE session_id = $1 AND product_id = $2 AND buyer_user_id = $3`,
      [input.sessionId, input.productId, input.buyerUserId, input.quantity],
    );
  }
}
