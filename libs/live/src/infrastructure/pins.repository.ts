import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { SessionPinEntity } from './session-pin.entity';

@Injectable()
export class PinsRepository {
  constructor(@InjectRepository(SessionPinEntity) private readonly repo: Repository<SessionPinEntity>) {}

  list(sessionId: string, em?: EntityManager): Promise<SessionPinEntity[]> {
    return (em ? em.getRepository(SessionPinEntity) : this.repo).find({
      where: { sessionId },
      order: { pinnedAt: 'ASC', productId: 'ASC' },
    });
  }

  async insert(
    em: EntityManager,
    values: { sessionId: string; productId: string; pinnedBy: string; pinnedAt: Date },
  ) {
    await em.getRepository(SessionPinEntity).insert(values);
  }

  async remove(em: EntityManager, sessionId: string, productId: string): Promise<boolean> {
    const result = await em.getRepository(SessionPinEntity).delete({ sessionId, productId });
    return (result.affected ?? 0) > 0;
  }

  /** Scheduled or live sessions pinning the product (index on product_id; at most a handful of rows). */
  async openSessionsPinning(productId: string): Promise<string[]> {
    const rows = (await this.repo.query(
      `SELECT p.session_id FROM live_session_pins p JOIN live_sessions s ON s.id = p.session_id
        WHERE p.product_id = $1 AND s.status IN ('scheduled', 'live')`,
      [productId],
    )) as { session_id: string }[];
    return rows.map((r) => r.session_id);
  }
}
