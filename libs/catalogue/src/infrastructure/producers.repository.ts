import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { ProducerEntity } from './producer.entity';

@Injectable()
export class ProducersRepository {
  constructor(@InjectRepository(ProducerEntity) private readonly repo: Repository<ProducerEntity>) {}

  private r(em?: EntityManager): Repository<ProducerEntity> {
    return em ? em.getRepository(ProducerEntity) : this.repo;
  }

  findById(id: string, em?: EntityManager): Promise<ProducerEntity | null> {
    return this.r(em).findOneBy({ id });
  }

  findByOwner(ownerUserId: string, em?: EntityManager): Promise<ProducerEntity | null> {
    return this.r(em).findOneBy({ ownerUserId });
  }

  async findManyById(ids: readonly string[]): Promise<Map<string, ProducerEntity>> {
    if (ids.length === 0) return new Map();
    const rows = await this.repo.findBy({ id: In([...new Set(ids)]) });
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** Locks the producer row for an update in the current transaction. */
  lockByOwner(em: EntityManager, ownerUserId: string): Promise<ProducerEntity | null> {
    return em
      .getRepository(ProducerEntity)
      .findOne({ where: { ownerUserId }, lock: { mode: 'pessimistic_write' } });
  }

  insert(
    em: EntityManager,
    values: Omit<ProducerEntity, 'id' | 'createdAt' | 'updatedAt'>,
  ): Promise<ProducerEntity> {
    const repo = em.getRepository(ProducerEntity);
    return repo.save(repo.create(values));
  }

  save(em: EntityManager, producer: ProducerEntity): Promise<ProducerEntity> {
    return em.getRepository(ProducerEntity).save(producer);
  }
}
