import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { SessionEntity } from './session.entity';

/** Which sessions sell a product, or any product of a producer: live now, upcoming, and replays still open. */
@Injectable()
export class SellingSessionsRepository {
  constructor(@InjectRepository(SessionEntity) private readonly repo: Repository<SessionEntity>) {}

  /**
   * Sessions whose lineup holds one of `productIds`, in one status: live (latest start first), scheduled (soonest
   * first) or ended (latest end first; `endedSince` keeps only replays that ended after it). Cancelled never show.
   */
  async withProducts(
    productIds: readonly string[],
    status: 'live' | 'scheduled' | 'ended',
    limit: number,
    endedSince?: Date,
  ): Promise<SessionEntity[]> {
    if (productIds.length === 0) return [];
    const qb = this.repo
      .createQueryBuilder('s')
      .where('s.status = :status', { status })
      .andWhere(
        'EXISTS (SELECT 1 FROM live_session_products lp WHERE lp.session_id = s.id AND lp.product_id = ANY(CAST(:ids AS uuid[])))',
        { ids: [...productIds] },
      );
    if (status === 'live') qb.orderBy('s.started_at', 'DESC');
    else if (status === 'scheduled') qb.orderBy('s.scheduled_start_at', 'ASC');
    else {
      qb.orderBy('s.ended_at', 'DESC');
      if (endedSince) qb.andWhere('s.ended_at >= :since', { since: endedSince });
    }
    return qb.addOrderBy('s.id', 'ASC').limit(limit).getMany();
  }

  /** The sessions among `sessionIds` that pin `productId` right now. */
  async pinning(sessionIds: readonly string[], productId: string): Promise<Set<string>> {
    if (sessionIds.length === 0) return new Set();
    const rows = (await this.repo.query(
      `SELECT session_id FROM live_session_pins WHERE product_id = $1 AND session_id = ANY($2::uuid[])`,
      [productId, [...sessionIds]],
    )) as { session_id: string }[];
    return new Set(rows.map((r) => r.session_id));
  }
}
