import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, LessThan, Repository } from 'typeorm';
import { UploadEntity } from './upload.entity';

@Injectable()
export class UploadsRepository {
  constructor(@InjectRepository(UploadEntity) private readonly repo: Repository<UploadEntity>) {}

  create(upload: Partial<UploadEntity>): Promise<UploadEntity> {
    return this.repo.save(this.repo.create(upload));
  }

  findById(id: string): Promise<UploadEntity | null> {
    return this.repo.findOne({ where: { id } });
  }

  /**
   * Moves the received count from `from` to `to` if nobody else did: two copies of the same chunk racing both store
   * the same bytes, and exactly one of them advances the count. Returns the row after the update, or null.
   */
  async advance(id: string, from: number, to: number): Promise<UploadEntity | null> {
    const rows = (await this.repo.query(
      `UPDATE uploads SET received_bytes = $3
        WHERE id = $1 AND received_bytes = $2 AND status = 'receiving' AND expires_at > now()
        RETURNING id`,
      [id, from, to],
    )) as [unknown[], number] | unknown[];
    const updated = Array.isArray(rows[0]) ? (rows[0] as unknown[]) : (rows as unknown[]);
    return updated.length > 0 ? this.findById(id) : null;
  }

  /** Closes a fully received upload, in the transaction that creates its asset. False if it was already closed. */
  async complete(em: EntityManager, id: string, assetId: string): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(UploadEntity)
      .set({ status: 'complete', assetId })
      .where(`id = :id AND status = 'receiving' AND received_bytes = byte_length`, { id })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  expiredBefore(now: Date, limit: number): Promise<UploadEntity[]> {
    return this.repo.find({
      where: { status: 'receiving', expiresAt: LessThan(now) },
      order: { expiresAt: 'ASC' },
      take: limit,
    });
  }

  async delete(id: string): Promise<void> {
    await this.repo.delete({ id });
  }

  /** Completed uploads of these assets (the sweep removes them with their asset). */
  async deleteOfAssets(assetIds: readonly string[]): Promise<void> {
    if (assetIds.length === 0) return;
    await this.repo.query(`DELETE FROM uploads WHERE asset_id = ANY($1::uuid[])`, [assetIds]);
  }
}
