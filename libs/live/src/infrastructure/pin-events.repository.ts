import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { PinEventEntity, PinEventKind } from './pin-event.entity';

@Injectable()
export class PinEventsRepository {
  constructor(@InjectRepository(PinEventEntity) private readonly repo: Repository<PinEventEntity>) {}

  async append(
    em: EntityManager,
    event: { sessionId: string; productId: string; kind: PinEventKind; byUserId: string; at: Date },
  ): Promise<void> {
    await em.getRepository(PinEventEntity).insert(event);
  }

  /** Unpins, in history, the pinned products a lineup edit is about to remove (their pins go with them). */
  async appendUnpinsOutside(
    em: EntityManager,
    sessionId: string,
    keptProductIds: readonly string[],
    byUserId: string,
    at: Date,
  ): Promise<void> {
    await em.query(
      `INSERT INTO live_pin_events (session_id, product_id, kind, by_user_id, at)
       SELECT session_id, product_id, 'unpin', $3, $4 FROM live_session_pins
        WHERE session_id = $1 AND NOT (product_id = ANY($2::uuid[]))`,
      [sessionId, keptProductIds, byUserId, at],
    );
  }

  /** The session's pins and unpins in the order they happened. */
  list(sessionId: string): Promise<PinEventEntity[]> {
    return this.repo.find({ where: { sessionId }, order: { at: 'ASC', id: 'ASC' } });
  }
}
