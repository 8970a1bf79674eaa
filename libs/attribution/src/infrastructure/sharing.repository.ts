import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface ShareLinkRow {
  code: string;
  streamerUserId: string;
  sessionId: string | null;
  productId: string | null;
  createdAt: Date;
}

interface RawShareLink {
  code: string;
  streamer_user_id: string;
  session_id: string | null;
  product_id: string | null;
  created_at: Date;
}

const toShareLink = (r: RawShareLink): ShareLinkRow => ({
  code: r.code,
  streamerUserId: r.streamer_user_id,
  sessionId: r.session_id,
  productId: r.product_id,
  createdAt: r.created_at,
});

/** referral_codes, share_links and share_link_visits, in plain SQL (every query uses a key or an index). */
@Injectable()
export class SharingRepository {
  constructor(private readonly dataSource: DataSource) {}

  async referralCodeOf(userId: string): Promise<string | null> {
    const rows = (await this.dataSource.query(`SELECT code FROM referral_codes WHERE user_id = $1`, [
      userId,
    ])) as { code: string }[];
    return rows[0]?.code ?? null;
  }

  /**
   * Gives the user this code unless they already have one or the code is someone else's: true when written.
   * A concurrent first call for the same user waits on the key and then writes nothing.
   */
  async insertReferralCode(userId: string, code: string, at: Date): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `INSERT INTO referral_codes (user_id, code, created_at) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING code`,
      [userId, code, at],
    )) as unknown[];
    return rows.length > 0;
  }

  async ownerOfReferralCode(code: string): Promise<string | null> {
    const rows = (await this.dataSource.query(`SELECT user_id FROM referral_codes WHERE code = $1`, [
      code,
    ])) as { user_id: string }[];
    return rows[0]?.user_id ?? null;
  }

  /** False when the code is taken (the caller draws another). */
  async insertShareLink(link: ShareLinkRow): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `INSERT INTO share_links (code, streamer_user_id, session_id, product_id, created_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (code) DO NOTHING RETURNING code`,
      [link.code, link.streamerUserId, link.sessionId, link.productId, link.createdAt],
    )) as unknown[];
    return rows.length > 0;
  }

  async findShareLink(code: string): Promise<ShareLinkRow | null> {
    const rows = (await this.dataSource.query(
      `SELECT code, streamer_user_id, session_id, product_id, created_at FROM share_links WHERE code = $1`,
      [code],
    )) as RawShareLink[];
    return rows[0] ? toShareLink(rows[0]) : null;
  }

  async shareLinksOf(
    streamerUserId: string,
    limit: number,
    offset: number,
  ): Promise<{ items: ShareLinkRow[]; total: number }> {
    const [rows, count] = await Promise.all([
      this.dataSource.query(
        `SELECT code, streamer_user_id, session_id, product_id, created_at FROM share_links
         WHERE streamer_user_id = $1 ORDER BY created_at DESC, code LIMIT $2 OFFSET $3`,
        [streamerUserId, limit, offset],
      ) as Promise<RawShareLink[]>,
      this.dataSource.query(`SELECT count(*)::int AS n FROM share_links WHERE streamer_user_id = $1`, [
        streamerUserId,
      ]) as Promise<{ n: number }[]>,
    ]);
    return { items: rows.map(toShareLink), total: count[0]?.n ?? 0 };
  }

  /** Records that the user opened the link: the first visit is kept, the last one moves forward. */
  async recordVisit(code: string, userId: string, at: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO share_link_visits AS v (code, user_id, first_visited_at, last_visited_at) VALUES ($1, $2, $3, $3)
       ON CONFLICT (code, user_id) DO UPDATE SET
         first_visited_at = LEAST(v.first_visited_at, EXCLUDED.first_visited_at),
         last_visited_at = GREATEST(v.last_visited_at, EXCLUDED.last_visited_at)`,
      [code, userId, at],
    );
  }

  async firstVisit(code: string, userId: string): Promise<Date | null> {
    const rows = (await this.dataSource.query(
      `SELECT first_visited_at FROM share_link_visits WHERE code = $1 AND user_id = $2`,
      [code, userId],
    )) as { first_visited_at: Date }[];
    return rows[0]?.first_visited_at ?? null;
  }
}
