import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository, SelectQueryBuilder } from 'typeorm';
import { IsoDate, PageRequest, pageOffset } from '@ocop/kernel';
import type { OcopGroup, OcopStars, ProductStatus } from '../domain';
import { ProductEntity } from './product.entity';
import { ProductStatusChangeEntity } from './product-status-change.entity';

export interface BrowseFilter {
  tsQuery: string | null;
  group?: OcopGroup;
  stars?: OcopStars;
  provinceCode?: string;
  producerId?: string;
}

export interface StockChange {
  productId: string;
  delta: number;
  /** When set, the change only happens if the product is sellable on that Vietnamese date. */
  sellableOn?: IsoDate;
  maxStock: number;
}

@Injectable()
export class ProductsRepository {
  constructor(@InjectRepository(ProductEntity) private readonly repo: Repository<ProductEntity>) {}

  private r(em?: EntityManager): Repository<ProductEntity> {
    return em ? em.getRepository(ProductEntity) : this.repo;
  }

  findById(id: string, em?: EntityManager): Promise<ProductEntity | null> {
    return this.r(em).findOneBy({ id });
  }

  findOwned(id: string, producerId: string): Promise<ProductEntity | null> {
    return this.repo.findOneBy({ id, producerId });
  }

  /** Locks the product row so that a lifecycle step sees and writes one consistent state. */
  /** The cover photo (first photo) of each product that has one. */
  async coverAssetIds(productIds: readonly string[]): Promise<Map<string, string>> {
    if (productIds.length === 0) return new Map();
    const rows = (await this.repo.query(
      `SELECT id, photo_asset_ids[1] AS cover FROM products WHERE id = ANY($1::uuid[]) AND cardinality(photo_asset_ids) > 0`,
      [[...new Set(productIds)]],
    )) as { id: string; cover: string }[];
    return new Map(rows.map((r) => [r.id, r.cover]));
  }

  /** The branches of the producers whose products show this certificate document (for the admins' access). */
  async branchesOfCertificateDocument(assetId: string): Promise<string[]> {
    const rows = (await this.repo.query(
      `SELECT DISTINCT pr.branch_id FROM products p JOIN producers pr ON pr.id = p.producer_id
        WHERE p.certificate_document_asset_id = $1`,
      [assetId],
    )) as { branch_id: string }[];
    return rows.map((r) => r.branch_id);
  }

  lock(em: EntityManager, id: string): Promise<ProductEntity | null> {
    return em.getRepository(ProductEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The ids of every product of the producer, whatever their status (oldest first). */
  async idsOfProducer(producerId: string): Promise<string[]> {
    const rows = await this.repo.find({
      select: { id: true },
      where: { producerId },
      order: { createdAt: 'ASC' },
    });
    return rows.map((r) => r.id);
  }

  findAllOfProducer(em: EntityManager, producerId: string): Promise<ProductEntity[]> {
    return em.getRepository(ProductEntity).findBy({ producerId });
  }

  insert(
    em: EntityManager,
    values: Omit<ProductEntity, 'id' | 'createdAt' | 'updatedAt'>,
  ): Promise<ProductEntity> {
    const repo = em.getRepository(ProductEntity);
    return repo.save(repo.create(values));
  }

  save(em: EntityManager, product: ProductEntity): Promise<ProductEntity> {
    product.updatedAt = new Date();
    return em.getRepository(ProductEntity).save(product);
  }

  async setSearchText(em: EntityManager, id: string, searchText: string): Promise<void> {
    await em.query(`UPDATE products SET search_text = $2 WHERE id = $1`, [id, searchText]);
  }

  recordStatusChange(
    em: EntityManager,
    change: Omit<ProductStatusChangeEntity, 'id' | 'createdAt'>,
  ): Promise<unknown> {
    return em.getRepository(ProductStatusChangeEntity).insert(change);
  }

  async listByProducer(producerId: string, page: PageRequest): Promise<[ProductEntity[], number]> {
    return this.repo.findAndCount({
      where: { producerId },
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: pageOffset(page),
      take: page.pageSize,
    });
  }

  /** Products of producers supported by any of `branchIds` (an admin's subtree), optionally in one status. */
  async listForBranches(
    branchIds: readonly string[],
    status: ProductStatus | undefined,
    page: PageRequest,
  ): Promise<[ProductEntity[], number]> {
    if (branchIds.length === 0) return [[], 0];
    const qb = this.repo
      .createQueryBuilder('p')
      .where('p.producer_id IN (SELECT pr.id FROM producers pr WHERE pr.branch_id = ANY(:branchIds))', {
        branchIds: [...branchIds],
      });
    if (status) qb.andWhere('p.status = :status', { status });
    return qb
      .orderBy('p.submitted_at', 'ASC', 'NULLS LAST')
      .addOrderBy('p.id', 'ASC')
      .offset(pageOffset(page))
      .limit(page.pageSize)
      .getManyAndCount();
  }

  /** Sellable products on `today` matching the filter, best search match first. */
  async browse(filter: BrowseFilter, today: IsoDate, page: PageRequest): Promise<[ProductEntity[], number]> {
    const qb = this.repo
      .createQueryBuilder('p')
      .where(`p.status = 'active'`)
      .andWhere('p.certificate_expires_on >= :today', { today });
    this.applyBrowseFilter(qb, filter);
    const total = await qb.getCount();
    if (filter.tsQuery) qb.orderBy(`ts_rank(p.search_document, to_tsquery('simple', :tsQuery))`, 'DESC');
    else qb.orderBy('p.verified_at', 'DESC');
    const items = await qb.addOrderBy('p.id', 'ASC').offset(pageOffset(page)).limit(page.pageSize).getMany();
    return [items, total];
  }

  private applyBrowseFilter(qb: SelectQueryBuilder<ProductEntity>, filter: BrowseFilter): void {
    if (filter.tsQuery) {
      qb.andWhere(`p.search_document @@ to_tsquery('simple', :tsQuery)`, { tsQuery: filter.tsQuery });
    }
    if (filter.group) qb.andWhere('p.ocop_group = :group', { group: filter.group });
    if (filter.stars) qb.andWhere('p.certificate_stars = :stars', { stars: filter.stars });
    if (filter.producerId) qb.andWhere('p.producer_id = :producerId', { producerId: filter.producerId });
    if (filter.provinceCode) {
      qb.andWhere(
        'p.producer_id IN (SELECT pr.id FROM producers pr WHERE pr.province_code = :provinceCode)',
        {
          provinceCode: filter.provinceCode,
        },
      );
    }
  }

  /**
   * Adds `delta` to the stock in one conditional UPDATE: the database, not the application, decides whether
   * the stock stays within 0..maxStock, so concurrent callers can never oversell. Null when the condition fails.
   */
  async changeStock(em: EntityManager, change: StockChange): Promise<number | null> {
    const params: unknown[] = [change.productId, change.delta, change.maxStock];
    let sellable = '';
    if (change.sellableOn) {
      params.push(change.sellableOn);
      sellable = `AND status = 'active' AND certificate_expires_on >= $4::date`;
    }
    const result = (await em.query(
      `UPDATE products SET stock = stock + $2, updated_at = now()
       WHERE id = $1 AND stock + $2 >= 0 AND stock + $2 <= $3 ${sellable}
       RETURNING stock`,
      params,
    )) as [{ stock: number }[], number];
    const rows = result[0];
    return rows.length === 1 && rows[0] ? rows[0].stock : null;
  }

  /**
   * The conditional stock UPDATE and its ledger row in one statement (one round trip, so the product's row lock is
   * held for the shortest time under a flash sale). Null when the UPDATE refused (no ledger row then).
   */
  async changeStockRecorded(
    em: EntityManager,
    change: StockChange,
    movement: { kind: string; reason: string; reference: string | null; actorUserId: string | null },
  ): Promise<{ stock: number; movementId: string } | null> {
    const params: unknown[] = [
      change.productId,
      change.delta,
      change.maxStock,
      movement.kind,
      movement.reason,
      movement.reference,
      movement.actorUserId,
    ];
    let sellable = '';
    if (change.sellableOn) {
      params.push(change.sellableOn);
      sellable = `AND status = 'active' AND certificate_expires_on >= $8::date`;
    }
    const rows = (await em.query(
      `WITH changed AS (
         UPDATE products SET stock = stock + $2, updated_at = now()
         WHERE id = $1 AND stock + $2 >= 0 AND stock + $2 <= $3 ${sellable}
         RETURNING id, stock
       )
       INSERT INTO stock_movements (product_id, kind, delta, stock_after, reason, reference, actor_user_id)
       SELECT id, $4, $2, stock, $5, $6, $7 FROM changed
       RETURNING id, stock_after`,
      params,
    )) as { id: string; stock_after: number }[];
    const row = rows[0];
    return row ? { stock: row.stock_after, movementId: row.id } : null;
  }

  /**
   * Claims a certificate warning for a product: sets the marker only if it is unset and the certificate is still
   * the one that was scanned, so two scans (or a scan racing a certificate edit) warn at most once.
   */
  async claimWarning(
    em: EntityManager,
    productId: string,
    kind: 'expiring' | 'expired',
    expiresOn: IsoDate,
    at: Date,
  ): Promise<boolean> {
    const column = kind === 'expiring' ? 'expiring_warned_at' : 'expired_warned_at';
    const result = (await em.query(
      `UPDATE products SET ${column} = $3
       WHERE id = $1 AND ${column} IS NULL AND certificate_expires_on = $2::date AND status = 'active'
       RETURNING id`,
      [productId, expiresOn, at],
    )) as [unknown[], number];
    return result[0].length === 1;
  }

  /**
   * Active products that still owe a warning on `today`: expiring by `until` and not yet warned, or expired and not
   * yet warned of that. Keyset-paginated by (expiry, id) after `after`.
   */
  findDueForWarning(
    today: IsoDate,
    until: IsoDate,
    after: { expiresOn: IsoDate; id: string } | null,
    limit: number,
  ): Promise<ProductEntity[]> {
    const qb = this.repo
      .createQueryBuilder('p')
      .where(`p.status = 'active'`)
      .andWhere('p.certificate_expires_on <= :until', { until })
      .andWhere(
        '((p.expiring_warned_at IS NULL AND p.certificate_expires_on >= :today) OR ' +
          '(p.expired_warned_at IS NULL AND p.certificate_expires_on < :today))',
        { today },
      );
    if (after) {
      qb.andWhere('(p.certificate_expires_on, p.id) > (CAST(:afterDate AS date), CAST(:afterId AS uuid))', {
        afterDate: after.expiresOn,
        afterId: after.id,
      });
    }
    return qb.orderBy('p.certificate_expires_on', 'ASC').addOrderBy('p.id', 'ASC').limit(limit).getMany();
  }
}
