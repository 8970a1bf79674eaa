import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TransactionRunner } from '@ocop/db';
import { findProvince, Page, PageRequest } from '@ocop/kernel';
import {
  assertCertificateNotExpired,
  buildSearchText,
  CatalogueError,
  Certificate,
  issueCertificate,
  MAX_STOCK,
  nextStatus,
  ProductAction,
  sameCertificate,
} from '../domain';
import { ProducerEntity } from '../infrastructure/producer.entity';
import { ProductEntity } from '../infrastructure/product.entity';
import { ProductsRepository } from '../infrastructure/products.repository';
import { StockMovementsRepository } from '../infrastructure/stock-movements.repository';
import { CatalogueCalendar } from './catalogue-clock';
import { CatalogueMedia } from './catalogue-media';
import { ProductInput, ProductPatch } from './inputs';
import { ProducersService } from './producers.service';
import { certificateOf, productView, ProductView } from './views';

export function searchTextOf(
  product: Pick<ProductEntity, 'name' | 'description'>,
  producer: ProducerEntity,
): string {
  const province = findProvince(producer.provinceCode)?.name ?? producer.provinceCode;
  return buildSearchText([product.name, producer.name, product.description, province]);
}

/** A farmer's own products: create, edit, submit for verification, list. */
@Injectable()
export class ProductsService {
  constructor(
    private readonly producers: ProducersService,
    private readonly products: ProductsRepository,
    private readonly ledger: StockMovementsRepository,
    private readonly calendar: CatalogueCalendar,
    private readonly tx: TransactionRunner,
    private readonly media: CatalogueMedia,
  ) {}

  async create(ownerUserId: string, input: ProductInput): Promise<ProductView> {
    const producer = await this.producers.requireOwn(ownerUserId);
    const certificate = issueCertificate(input.certificate, this.calendar.today());
    if (input.stock > MAX_STOCK)
      throw new CatalogueError('STOCK_LIMIT_EXCEEDED', `Stock cannot exceed ${MAX_STOCK}`);
    const product = await this.tx.run(async (em) => {
      const created = await this.products.insert(em, {
        producerId: producer.id,
        name: input.name.trim(),
        description: (input.description ?? '').trim(),
        ocopGroup: input.group,
        photoAssetIds: [],
        certificateDocumentAssetId: null,
        priceVnd: input.priceVnd,
        stock: input.stock,
        status: 'draft',
        statusReason: null,
        ...certificateColumns(certificate),
        expiringWarnedAt: null,
        expiredWarnedAt: null,
        submittedAt: null,
        verifiedAt: null,
        verifiedBy: null,
        searchText: searchTextOf({ name: input.name.trim(), description: input.description ?? '' }, producer),
      });
      await this.ledger.append(em, {
        productId: created.id,
        kind: 'initial',
        delta: input.stock,
        stockAfter: input.stock,
        reason: 'initial stock',
        reference: null,
        actorUserId: ownerUserId,
      });
      return created;
    });
    return this.ownerView(product, producer);
  }

  async update(ownerUserId: string, productId: string, patch: ProductPatch): Promise<ProductView> {
    const producer = await this.producers.requireOwn(ownerUserId);
    const current = await this.requireOwned(productId, producer);
    const certificate = patch.certificate
      ? issueCertificate({ ...certificateOf(current), ...patch.certificate }, this.calendar.today())
      : null;
    const saved = await this.tx.run(async (em) => {
      const product = await this.lockOwned(em, productId, producer);
      if (patch.name !== undefined) product.name = patch.name.trim();
      if (patch.description !== undefined) product.description = patch.description.trim();
      if (patch.group !== undefined) product.ocopGroup = patch.group;
      if (patch.priceVnd !== undefined) product.priceVnd = patch.priceVnd;
      if (certificate && !sameCertificate(certificateOf(product), certificate)) {
        Object.assign(product, certificateColumns(certificate), {
          expiringWarnedAt: null,
          expiredWarnedAt: null,
        });
        // The certificate an admin verified is no longer the one shown: verify again.
        if (product.status === 'active') await this.move(em, product, 'recertify', ownerUserId, null);
      }
      product.searchText = searchTextOf(product, producer);
      return this.products.save(em, product);
    });
    return this.ownerView(saved, producer);
  }

  async submit(ownerUserId: string, productId: string): Promise<ProductView> {
    const producer = await this.producers.requireOwn(ownerUserId);
    const saved = await this.tx.run(async (em) => {
      const product = await this.lockOwned(em, productId, producer);
      nextStatus(product.status, 'submit');
      assertCertificateNotExpired(product.certificateExpiresOn, this.calendar.today());
      await this.move(em, product, 'submit', ownerUserId, null);
      product.submittedAt = this.calendar.now();
      return this.products.save(em, product);
    });
    return this.ownerView(saved, producer);
  }

  async getOwn(ownerUserId: string, productId: string): Promise<ProductView> {
    const producer = await this.producers.requireOwn(ownerUserId);
    return this.ownerView(await this.requireOwned(productId, producer), producer);
  }

  async listMine(ownerUserId: string, page: PageRequest): Promise<Page<ProductView>> {
    const producer = await this.producers.requireOwn(ownerUserId);
    const [rows, total] = await this.products.listByProducer(producer.id, page);
    const ctx = this.calendar.viewContext();
    const media = await this.media.lookup(rows, [producer], true);
    return {
      items: rows.map((p) => productView(p, producer, ctx, media)),
      page: page.page,
      pageSize: page.pageSize,
      total,
    };
  }

  /** A product as its farmer sees it: every processed photo and the certificate document. */
  async ownerView(product: ProductEntity, producer: ProducerEntity): Promise<ProductView> {
    const media = await this.media.lookup([product], [producer], true);
    return productView(product, producer, this.calendar.viewContext(), media);
  }

  /** Applies a lifecycle step from the transition table and records who did it. */
  async move(
    em: EntityManager,
    product: ProductEntity,
    action: ProductAction,
    actorUserId: string,
    reason: string | null,
  ): Promise<void> {
    const from = product.status;
    const to = nextStatus(from, action);
    product.status = to;
    product.statusReason = reason;
    await this.products.recordStatusChange(em, {
      productId: product.id,
      action,
      fromStatus: from,
      toStatus: to,
      actorUserId,
      reason,
    });
  }

  private async requireOwned(productId: string, producer: ProducerEntity): Promise<ProductEntity> {
    const product = await this.products.findOwned(productId, producer.id);
    if (!product) throw notFound(productId);
    return product;
  }

  private async lockOwned(
    em: EntityManager,
    productId: string,
    producer: ProducerEntity,
  ): Promise<ProductEntity> {
    const product = await this.products.lock(em, productId);
    if (!product || product.producerId !== producer.id) throw notFound(productId);
    return product;
  }
}

export function notFound(productId: string): CatalogueError {
  return new CatalogueError('PRODUCT_NOT_FOUND', 'No such product', { productId });
}

export function certificateColumns(c: Certificate) {
  return {
    certificateStars: c.stars,
    certificateDecisionNumber: c.decisionNumber,
    certificateIssuingBody: c.issuingBody,
    certificateSignedOn: c.signedOn,
    certificateExpiresOn: c.expiresOn,
  };
}
