import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, LessThan, Repository } from 'typeorm';
import type { AssetPurpose, Rendition } from '../domain';
import { AssetEntity, DocumentInfo } from './asset.entity';

@Injectable()
export class AssetsRepository {
  constructor(@InjectRepository(AssetEntity) private readonly repo: Repository<AssetEntity>) {}

  async insert(em: EntityManager | undefined, asset: Partial<AssetEntity>): Promise<AssetEntity> {
    const repo = em ? em.getRepository(AssetEntity) : this.repo;
    return repo.save(repo.create(asset));
  }

  findById(id: string): Promise<AssetEntity | null> {
    return this.repo.findOne({ where: { id } });
  }

  async findMany(ids: readonly string[]): Promise<AssetEntity[]> {
    if (ids.length === 0) return [];
    return this.repo.find({ where: { id: In([...new Set(ids)]) } });
  }

  /** Processing done: only an asset still processing moves (a second run of the same job changes nothing). */
  async markReady(
    id: string,
    done: {
      width: number;
      height: number;
      placeholder: string;
      renditions: Rendition[];
      document: DocumentInfo | null;
      originalKey: string | null;
    },
    at: Date,
  ): Promise<boolean> {
    const result = await this.repo
      .createQueryBuilder()
      .update(AssetEntity)
      .set({ ...done, status: 'ready', errorCode: null, processedAt: at })
      .where('id = :id AND status = :status', { id, status: 'processing' })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async markFailed(id: string, errorCode: string, at: Date): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .update(AssetEntity)
      .set({ status: 'failed', errorCode, processedAt: at, originalKey: null })
      .where('id = :id AND status = :status', { id, status: 'processing' })
      .execute();
  }

  /**
   * The caller's assets of one purpose among `ids`, locked for the attaching transaction, marked as used. Returns
   * the rows found (missing ids, other owners' and other purposes' assets are left out for the caller to refuse).
   */
  async claim(
    em: EntityManager,
    ownerUserId: string,
    purpose: AssetPurpose,
    ids: readonly string[],
  ): Promise<AssetEntity[]> {
    if (ids.length === 0) return [];
    const rows = await em
      .getRepository(AssetEntity)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.id IN (:...ids) AND a.owner_user_id = :owner AND a.purpose = :purpose', {
        ids: [...new Set(ids)],
        owner: ownerUserId,
        purpose,
      })
      .getMany();
    const unattached = rows.filter((r) => r.attachedAt === null).map((r) => r.id);
    if (unattached.length > 0) {
      await em.getRepository(AssetEntity).update({ id: In(unattached) }, { attachedAt: () => 'now()' });
    }
    return rows;
  }

  /** Assets no product, producer or session took within the grace period. */
  unattachedBefore(before: Date, limit: number): Promise<AssetEntity[]> {
    return this.repo.find({
      where: { attachedAt: IsNull(), createdAt: LessThan(before) },
      order: { createdAt: 'ASC' },
      take: limit,
    });
  }

  /** Ids of assets still processing that were completed before `before`, oldest first. */
  async processingBefore(before: Date, limit: number): Promise<string[]> {
    const rows = await this.repo.find({
      select: { id: true },
      where: { status: 'processing', createdAt: LessThan(before) },
      order: { createdAt: 'ASC' },
      take: limit,
    });
    return rows.map((row) => row.id);
  }

  async delete(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await this.repo.delete({ id: In([...ids]) });
  }
}
