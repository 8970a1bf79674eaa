import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StockMovementEntity } from './stock-movement.entity';

@Injectable()
export class StockMovementsRepository {
  async append(
    em: EntityManager,
    movement: Omit<StockMovementEntity, 'id' | 'createdAt'>,
  ): Promise<StockMovementEntity> {
    const repo = em.getRepository(StockMovementEntity);
    return repo.save(repo.create(movement));
  }
}
