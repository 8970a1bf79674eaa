import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { PageRequest, pageOffset } from '@ocop/kernel';
import { ProducerNotificationEntity } from './producer-notification.entity';

@Injectable()
export class NotificationsRepository {
  constructor(
    @InjectRepository(ProducerNotificationEntity)
    private readonly repo: Repository<ProducerNotificationEntity>,
  ) {}

  /** Inserts unless this warning already exists for this certificate; true when a row was written. */
  async insertOnce(
    em: EntityManager,
    values: Omit<ProducerNotificationEntity, 'id' | 'createdAt' | 'readAt'>,
  ): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .insert()
      .into(ProducerNotificationEntity)
      .values(values)
      .orIgnore()
      .returning('id')
      .execute();
    return (result.raw as unknown[]).length === 1;
  }

  listForProducer(producerId: string, page: PageRequest): Promise<[ProducerNotificationEntity[], number]> {
    return this.repo.findAndCount({
      where: { producerId },
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: pageOffset(page),
      take: page.pageSize,
    });
  }
}
