import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@ocop/db';
import { IdentityFacade } from '@ocop/identity';
import { Page, PageRequest } from '@ocop/kernel';
import { assertCertificateNotExpired, CatalogueError, ProductAction, ProductStatus } from '../domain';
import { ProducerEntity } from '../infrastructure/producer.entity';
import { ProducersRepository } from '../infrastructure/producers.repository';
import { ProductEntity } from '../infrastructure/product.entity';
import { ProductsRepository } from '../infrastructure/products.repository';
import { CatalogueCalendar } from './catalogue-clock';
import { CatalogueMedia } from './catalogue-media';
import { notFound, ProductsService } from './products.service';
import { productView, ProductView } from './views';

/**
 * Admins verify, reject and suspend products of producers supported by a branch in their own subtree. A product
 * outside the subtree answers 404, as if it did not exist.
 */
@Injectable()
export class ProductReviewService {
  constructor(
    private readonly products: ProductsRepository,
    private readonly producers: ProducersRepository,
    private readonly lifecycle: ProductsService,
    private readonly identity: IdentityFacade,
    private readonly calendar: CatalogueCalendar,
    private readonly tx: TransactionRunner,
    private readonly media: CatalogueMedia,
  ) {}

  async list(
    adminUserId: string,
    status: ProductStatus | undefined,
    page: PageRequest,
  ): Promise<Page<ProductView>> {
    const root = await this.identity.adminBranchOf(adminUserId);
    if (!root) throw scopeRequired();
    const branchIds = await this.identity.subtreeBranchIds(root.id);
    const [rows, total] = await this.products.listForBranches(branchIds, status, page);
    const producers = await this.producers.findManyById(rows.map((r) => r.producerId));
    const ctx = this.calendar.viewContext(true);
    const media = await this.media.lookup(rows, [...producers.values()], true);
    return {
      items: rows.map((p) => productView(p, producers.get(p.producerId) as ProducerEntity, ctx, media)),
      page: page.page,
      pageSize: page.pageSize,
      total,
    };
  }

  async get(adminUserId: string, productId: string): Promise<ProductView> {
    const product = await this.products.findById(productId);
    if (!product) throw notFound(productId);
    const producer = await this.inScope(adminUserId, product);
    return this.adminView(product, producer);
  }

  /** Verifies the certificate: the product becomes sellable. Who and when are kept on the product and in its history. */
  verify(adminUserId: string, productId: string): Promise<ProductView> {
    return this.decide(adminUserId, productId, 'verify', null);
  }

  reject(adminUserId: string, productId: string, reason: string): Promise<ProductView> {
    return this.decide(adminUserId, productId, 'reject', reason);
  }

  suspend(adminUserId: string, productId: string, reason: string): Promise<ProductView> {
    return this.decide(adminUserId, productId, 'suspend', reason);
  }

  private async decide(
    adminUserId: string,
    productId: string,
    action: Extract<ProductAction, 'verify' | 'reject' | 'suspend'>,
    reason: string | null,
  ): Promise<ProductView> {
    const existing = await this.products.findById(productId);
    if (!existing) throw notFound(productId);
    const producer = await this.inScope(adminUserId, existing);
    const saved = await this.tx.run(async (em) => {
      const product = await this.products.lock(em, productId);
      if (!product) throw notFound(productId);
      if (action === 'verify') {
        if (product.status === 'pending_verification') {
          assertCertificateNotExpired(product.certificateExpiresOn, this.calendar.today());
        }
        await this.lifecycle.move(em, product, action, adminUserId, null);
        product.verifiedAt = this.calendar.now();
        product.verifiedBy = adminUserId;
      } else {
        await this.lifecycle.move(em, product, action, adminUserId, reason?.trim() ?? null);
      }
      return this.products.save(em, product);
    });
    return this.adminView(saved, producer);
  }

  private async adminView(product: ProductEntity, producer: ProducerEntity): Promise<ProductView> {
    const media = await this.media.lookup([product], [producer], true);
    return productView(product, producer, this.calendar.viewContext(true), media);
  }

  private async inScope(adminUserId: string, product: ProductEntity): Promise<ProducerEntity> {
    const producer = await this.producers.findById(product.producerId);
    if (!producer) throw notFound(product.id);
    if (!(await this.identity.adminBranchOf(adminUserId))) throw scopeRequired();
    if (!(await this.identity.isBranchInAdminScope(adminUserId, producer.branchId)))
      throw notFound(product.id);
    return producer;
  }
}

function scopeRequired() {
  return new CatalogueError(
    'ADMIN_SCOPE_REQUIRED',
    'Only an admin of a Youth Union branch can review products',
  );
}
