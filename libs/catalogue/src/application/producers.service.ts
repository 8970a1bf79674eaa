import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { isUniqueViolation, TransactionRunner } from '@ocop/db';
import { IdentityFacade } from '@ocop/identity';
import { findProvince, normalizeVnMobile, PageRequest, Page } from '@ocop/kernel';
import { buildSearchText, CatalogueError } from '../domain';
import { NotificationsRepository } from '../infrastructure/notifications.repository';
import { ProducerEntity } from '../infrastructure/producer.entity';
import { ProducersRepository } from '../infrastructure/producers.repository';
import { ProductsRepository } from '../infrastructure/products.repository';
import { CatalogueMedia } from './catalogue-media';
import { ProducerInput, ProducerPatch } from './inputs';
import { NotificationView, notificationView, producerView, ProducerView } from './views';

/** Producer profiles: one per user account; creating one makes the user a farmer. */
@Injectable()
export class ProducersService {
  constructor(
    private readonly producers: ProducersRepository,
    private readonly products: ProductsRepository,
    private readonly notifications: NotificationsRepository,
    private readonly identity: IdentityFacade,
    private readonly tx: TransactionRunner,
    private readonly media: CatalogueMedia,
  ) {}

  async create(ownerUserId: string, input: ProducerInput): Promise<ProducerView> {
    const fields = await this.normalize(input);
    if (await this.producers.findByOwner(ownerUserId)) throw this.alreadyExists();
    try {
      const producer = await this.tx.run(async (em) => {
        const created = await this.producers.insert(em, { ownerUserId, ...fields, logoAssetId: null });
        // Inside the transaction: if the role cannot be granted, no profile is left behind.
        await this.identity.grantRole(ownerUserId, 'farmer');
        return created;
      });
      return this.view(producer);
    } catch (error) {
      if (isUniqueViolation(error, 'producers_owner_user_id_key')) throw this.alreadyExists();
      throw error;
    }
  }

  async getMine(ownerUserId: string): Promise<ProducerView> {
    return this.view(await this.requireOwn(ownerUserId));
  }

  async getPublic(id: string): Promise<ProducerView> {
    const producer = await this.producers.findById(id);
    if (!producer) throw new CatalogueError('PRODUCER_NOT_FOUND', 'No such producer', { producerId: id });
    return this.view(producer);
  }

  async updateMine(ownerUserId: string, patch: ProducerPatch): Promise<ProducerView> {
    const current = await this.requireOwn(ownerUserId);
    const merged: ProducerInput = {
      kind: patch.kind ?? current.kind,
      name: patch.name ?? current.name,
      description: patch.description ?? current.description,
      phone: patch.phone ?? current.phone,
      location: {
        province: patch.location?.province ?? current.provinceCode,
        commune: patch.location?.commune ?? current.commune,
        street: patch.location?.street ?? current.street,
      },
      branchId: patch.branchId ?? current.branchId,
    };
    const fields = await this.normalize(merged, current.branchId);
    const saved = await this.tx.run(async (em) => {
      const locked = await this.producers.lockByOwner(em, ownerUserId);
      if (!locked) throw this.profileRequired();
      const searchChanged = locked.name !== fields.name || locked.provinceCode !== fields.provinceCode;
      Object.assign(locked, fields, { updatedAt: new Date() });
      const producer = await this.producers.save(em, locked);
      if (searchChanged) await this.reindexProducts(em, producer);
      return producer;
    });
    return this.view(saved);
  }

  async view(producer: ProducerEntity): Promise<ProducerView> {
    return producerView(producer, await this.media.lookup([], [producer]));
  }

  async notificationsOf(ownerUserId: string, page: PageRequest): Promise<Page<NotificationView>> {
    const producer = await this.requireOwn(ownerUserId);
    const [rows, total] = await this.notifications.listForProducer(producer.id, page);
    return { items: rows.map(notificationView), page: page.page, pageSize: page.pageSize, total };
  }

  /** The caller's producer profile, or 403 PRODUCER_PROFILE_REQUIRED. */
  async requireOwn(ownerUserId: string): Promise<ProducerEntity> {
    const producer = await this.producers.findByOwner(ownerUserId);
    if (!producer) throw this.profileRequired();
    return producer;
  }

  /** The product search text mentions the producer's name and province: keep it in step. */
  private async reindexProducts(em: EntityManager, producer: ProducerEntity): Promise<void> {
    const province = findProvince(producer.provinceCode)?.name ?? producer.provinceCode;
    for (const product of await this.products.findAllOfProducer(em, producer.id)) {
      await this.products.setSearchText(
        em,
        product.id,
        buildSearchText([product.name, producer.name, product.description, province]),
      );
    }
  }

  private async normalize(input: ProducerInput, unchangedBranchId?: string) {
    const province = findProvince(input.location.province);
    if (!province) {
      throw new CatalogueError('UNKNOWN_PROVINCE', `Unknown province "${input.location.province}"`, {
        field: 'location.province',
      });
    }
    const phone = normalizeVnMobile(input.phone);
    if (!phone) {
      throw new CatalogueError(
        'INVALID_PHONE',
        'The phone must be a Vietnamese mobile number (+84 or 0, then 9 digits)',
        {
          field: 'phone',
        },
      );
    }
    if (input.branchId !== unchangedBranchId && !(await this.identity.findBranch(input.branchId))) {
      throw new CatalogueError('UNKNOWN_BRANCH', 'No such Youth Union branch', { branchId: input.branchId });
    }
    return {
      kind: input.kind,
      name: input.name.trim(),
      description: (input.description ?? '').trim(),
      phone,
      provinceCode: province.code,
      commune: input.location.commune.trim(),
      street: (input.location.street ?? '').trim(),
      branchId: input.branchId,
    };
  }

  private alreadyExists() {
    return new CatalogueError('PRODUCER_ALREADY_EXISTS', 'This account already has a producer profile');
  }

  private profileRequired() {
    return new CatalogueError('PRODUCER_PROFILE_REQUIRED', 'Create your producer profile first');
  }
}
