import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { PageRequest, pageOffset } from '@ocop/kernel';
import type { ListingLimit, SessionStatus, StaffRole } from '../domain';
import { SessionEntity } from './session.entity';
import { SessionProductEntity } from './session-product.entity';
import { SessionStaffEntity } from './session-staff.entity';

export type ListingStatus = 'live' | 'upcoming' | 'past';

export interface SessionFilter {
  status?: ListingStatus;
  /** Sessions whose host's branch (at creation) lies in this branch's subtree. */
  branchId?: string;
  /** Sessions whose lineup holds a product of this OCOP group. */
  group?: string;
  /** Words the title holds, compared without case or Vietnamese diacritics. */
  q?: string;
  /** The signed-in caller: the sessions of hosts they follow come first. */
  followerUserId?: string;
}

// Vietnamese letters with diacritics and their bare forms, for a search that ignores marks ("gom" finds "Gốm").
// Both cases are listed, so the database's lower() need not know Vietnamese (a C collation lowers only ASCII).
const LOWER_MARKED = 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ';
const LOWER_BARE = 'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd';
const MARKED = LOWER_MARKED + LOWER_MARKED.toUpperCase();
const BARE = LOWER_BARE + LOWER_BARE;

/** Lower case without Vietnamese diacritics, as the session search compares titles. */
export function foldVietnamese(text: string): string {
  let out = '';
  for (const ch of text.toLowerCase()) {
    const i = LOWER_MARKED.indexOf(ch);
    out += i >= 0 ? LOWER_BARE[i] : ch;
  }
  return out;
}

export interface LineupItem {
  productId: string;
  ocopGroup: string;
}

@Injectable()
export class SessionsRepository {
  constructor(
    @InjectRepository(SessionEntity) private readonly repo: Repository<SessionEntity>,
    @InjectRepository(SessionProductEntity) private readonly lineupRepo: Repository<SessionProductEntity>,
  ) {}

  findById(id: string, em?: EntityManager): Promise<SessionEntity | null> {
    return (em ? em.getRepository(SessionEntity) : this.repo).findOneBy({ id });
  }

  findByIds(ids: string[]): Promise<SessionEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.repo.findBy({ id: In(ids) });
  }

  /** Whether the user hosts (or hosted) any session. */
  async hostsAny(userId: string): Promise<boolean> {
    return (await this.repo.countBy({ hostUserId: userId })) > 0;
  }

  /** Locks the session row: transitions, edits and pins of one session are serialised on it. */
  lock(em: EntityManager, id: string): Promise<SessionEntity | null> {
    return em.getRepository(SessionEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * The session's status under a share lock: a flash deal starts only while the session is live, and the session
   * cannot end (its transition takes the row lock) until the deal's transaction has committed.
   */
  async statusForShare(em: EntityManager, id: string): Promise<SessionStatus | null> {
    const rows = (await em.query(`SELECT status FROM live_sessions WHERE id = $1 FOR SHARE`, [id])) as {
      status: SessionStatus;
    }[];
    return rows[0]?.status ?? null;
  }

  insert(
    em: EntityManager,
    values: Omit<
      SessionEntity,
      | 'id'
      | 'createdAt'
      | 'updatedAt'
      | 'startedAt'
      | 'endedAt'
      | 'cancelledAt'
      | 'peakViewers'
      | 'uniqueViewers'
      | 'status'
    >,
  ): Promise<SessionEntity> {
    const repo = em.getRepository(SessionEntity);
    return repo.save(
      repo.create({
        ...values,
        status: 'scheduled',
        startedAt: null,
        endedAt: null,
        cancelledAt: null,
        peakViewers: null,
        uniqueViewers: null,
      }),
    );
  }

  /** The host's session that is live now, other than `exceptId` (the latest to go live), or null. */
  async liveOfHost(hostUserId: string, exceptId: string): Promise<string | null> {
    const rows = (await this.repo.query(
      `SELECT id FROM live_sessions
        WHERE host_user_id = $1 AND status = 'live' AND id <> $2
        ORDER BY started_at DESC NULLS LAST LIMIT 1`,
      [hostUserId, exceptId],
    )) as { id: string }[];
    return rows[0]?.id ?? null;
  }

  save(em: EntityManager, session: SessionEntity): Promise<SessionEntity> {
    session.updatedAt = new Date();
    return em.getRepository(SessionEntity).save(session);
  }

  /** Product ids of the lineup, in order. */
  async lineup(sessionId: string, em?: EntityManager): Promise<string[]> {
    const rows = await (em ? em.getRepository(SessionProductEntity) : this.lineupRepo).find({
      where: { sessionId },
      order: { position: 'ASC' },
    });
    return rows.map((r) => r.productId);
  }

  async lineups(sessionIds: readonly string[]): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>(sessionIds.map((id) => [id, []]));
    if (sessionIds.length === 0) return map;
    const rows = await this.lineupRepo.find({
      where: { sessionId: In([...sessionIds]) },
      order: { sessionId: 'ASC', position: 'ASC' },
    });
    for (const row of rows) map.get(row.sessionId)?.push(row.productId);
    return map;
  }

  /**
   * Makes the lineup exactly `items`, in that order. Products that stay keep their row (and so their pin); removed
   * products lose theirs through the foreign key. Positions are unique only at commit (a deferred constraint).
   */
  async replaceLineup(em: EntityManager, sessionId: string, items: readonly LineupItem[]): Promise<void> {
    await em.query(
      `DELETE FROM live_session_products WHERE session_id = $1 AND NOT (product_id = ANY($2::uuid[]))`,
      [sessionId, items.map((i) => i.productId)],
    );
    await em.query(
      `INSERT INTO live_session_products (session_id, product_id, position, ocop_group)
       SELECT $1, item.product_id, item.position - 1, item.ocop_group
         FROM unnest($2::uuid[], $3::text[]) WITH ORDINALITY AS item (product_id, ocop_group, position)
       ON CONFLICT (session_id, product_id) DO UPDATE SET position = EXCLUDED.position, ocop_group = EXCLUDED.ocop_group`,
      [sessionId, items.map((i) => i.productId), items.map((i) => i.ocopGroup)],
    );
  }

  /** Sets the per-buyer limits of lineup products (null lifts one); products not named keep theirs. */
  async setListingLimits(
    em: EntityManager,
    sessionId: string,
    limits: readonly ListingLimit[],
  ): Promise<void> {
    if (limits.length === 0) return;
    await em.query(
      `UPDATE live_session_products lp SET per_buyer_limit = l.per_buyer_limit
         FROM unnest($2::uuid[], $3::int[]) AS l (product_id, per_buyer_limit)
        WHERE lp.session_id = $1 AND lp.product_id = l.product_id`,
      [sessionId, limits.map((l) => l.productId), limits.map((l) => l.perBuyerLimit)],
    );
  }

  /** The per-buyer limit of every lineup product that has one. */
  async listingLimits(sessionId: string): Promise<Map<string, number>> {
    const rows = await this.lineupRepo.find({ where: { sessionId } });
    return new Map(
      rows.flatMap((r) => (r.perBuyerLimit !== null ? [[r.productId, r.perBuyerLimit] as const] : [])),
    );
  }

  /** Public listings; cancelled sessions never show. */
  async list(filter: SessionFilter, page: PageRequest): Promise<[SessionEntity[], number]> {
    const qb = this.repo.createQueryBuilder('s');
    switch (filter.status) {
      case 'live':
        qb.where(`s.status = 'live'`).orderBy('s.started_at', 'DESC');
        break;
      case 'upcoming':
        qb.where(`s.status = 'scheduled'`).orderBy('s.scheduled_start_at', 'ASC');
        break;
      case 'past':
        qb.where(`s.status = 'ended'`).orderBy('s.ended_at', 'DESC');
        break;
      default:
        qb.where(`s.status <> 'cancelled'`).orderBy('s.scheduled_start_at', 'DESC');
    }
    if (filter.branchId)
      qb.andWhere('s.branch_path @> ARRAY[CAST(:branchId AS uuid)]', { branchId: filter.branchId });
    if (filter.group) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM live_session_products lp WHERE lp.session_id = s.id AND lp.ocop_group = :group)',
        { group: filter.group },
      );
    }
    const words = foldVietnamese(filter.q ?? '')
      .split(/\s+/)
      .filter((w) => w.length > 0)
      .slice(0, 8);
    words.forEach((word, i) => {
      const escaped = word.replace(/[\\%_]/g, (c) => `\\${c}`);
      qb.andWhere(`lower(translate(s.title, :marked, :bare)) LIKE :w${i}`, {
        marked: MARKED,
        bare: BARE,
        [`w${i}`]: `%${escaped}%`,
      });
    });
    if (filter.followerUserId) {
      const ordering = qb.expressionMap.orderBys;
      qb.orderBy(
        `EXISTS (SELECT 1 FROM host_follows hf WHERE hf.follower_user_id = :follower AND hf.host_user_id = s.host_user_id)`,
        'DESC',
      ).setParameter('follower', filter.followerUserId);
      for (const [key, order] of Object.entries(ordering)) qb.addOrderBy(key, order as 'ASC' | 'DESC');
    }
    return qb.addOrderBy('s.id', 'ASC').offset(pageOffset(page)).limit(page.pageSize).getManyAndCount();
  }

  /**
   * Sessions the user hosts or is staff of, in every status (cancelled included), newest scheduled first, each with
   * the user's part in it.
   */
  async pageOfMember(
    userId: string,
    status: SessionStatus | undefined,
    page: PageRequest,
  ): Promise<[{ session: SessionEntity; role: 'host' | StaffRole }[], number]> {
    const qb = this.repo
      .createQueryBuilder('s')
      .leftJoin(SessionStaffEntity, 'st', 'st.session_id = s.id AND st.user_id = :userId', { userId })
      .addSelect(`CASE WHEN s.host_user_id = :userId THEN 'host' ELSE st.role END`, 'my_role')
      .where('(s.host_user_id = :userId OR st.user_id IS NOT NULL)', { userId });
    if (status) qb.andWhere('s.status = :status', { status });
    const [total, { entities, raw }] = await Promise.all([
      qb.getCount(),
      qb
        .orderBy('s.scheduled_start_at', 'DESC')
        .addOrderBy('s.id', 'ASC')
        .offset(pageOffset(page))
        .limit(page.pageSize)
        .getRawAndEntities<{ s_id: string; my_role: 'host' | StaffRole }>(),
    ]);
    const roles = new Map(raw.map((r) => [r.s_id, r.my_role]));
    return [
      entities.flatMap((session) => {
        const role = roles.get(session.id);
        return role ? [{ session, role }] : [];
      }),
      total,
    ];
  }
}
