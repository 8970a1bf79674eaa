import { Injectable, OnModuleInit } from '@nestjs/common';
import { AssetsService } from '@ocop/assets';
import { TransactionRunner } from '@ocop/db';
import { IdentityFacade } from '@ocop/identity';
import { CatalogueError } from '../domain';
import { ProducersRepository } from '../infrastructure/producers.repository';
import { ProductsRepository } from '../infrastructure/products.repository';
import { ProducersService } from './producers.service';
import { notFound, ProductsService } from './products.service';
import { ProducerView, ProductView } from './views';

/**
 * A farmer's pictures: a product's photos (order = display order, the first is the cover), its certificate
 * document, the producer's logo. Only the farmer's own processed uploads of the right purpose are taken, on their own
 * products; another farmer's product answers 404 as if it did not exist.
 */
@Injectable()
export class ProductMediaService implements OnModuleInit {
  constructor(
    private readonly producers: ProducersService,
    private readonly producerRows: ProducersRepository,
    private readonly products: ProductsRepository,
    private readonly lifecycle: ProductsService,
    private readonly assets: AssetsService,
    private readonly identity: IdentityFacade,
    private readonly tx: TransactionRunner,
  ) {}

  /** Admins whose subtree holds the product read its certificate document (the owner always can). */
  onModuleInit(): void {
    this.assets.allowReaders('certificate', async (userId, assetId) => {
      const branchIds = await this.products.branchesOfCertificateDocument(assetId);
      for (const branchId of branchIds) {
        if (await this.identity.isBranchInAdminScope(userId, branchId)) return true;
      }
      return false;
    });
  }

  async setPhotos(ownerUserId: string, productId: string, assetIds: string[]): Promise<ProductView> {
    const producer = await this.producers.requireOwn(ownerUserId);
    const saved = await this.tx.run(async (em) => {
      const product = await this.products.lock(em, productId);
      if (!product || product.producerId !== producer.id) throw notFound(productId);
      await this.assets.claim(em, ownerUserId, 'product-photo', assetIds);
      product.photoAssetIds = [...assetIds];
      product.updatedAt = new Date();
      return this.products.save(em, product);
    });
    return this.lifecycle.ownerView(saved, producer);
  }

  /**
   * Attaches the scan or PDF of the OCOP decision. An active product whose document changes goes back to
   * verification: the admins verified the one they saw.
   */
  async setCertificateDocument(
    ownerUserId: string,
    productId: string,
    assetId: string,
  ): Promise<ProductView> {
    const producer = await this.producers.requireOwn(ownerUserId);
    const saved = await this.tx.run(async (em) => {
      const product = await this.products.lock(em, productId);
      if (!product || product.producerId !== producer.id) throw notFound(productId);
      await this.assets.claim(em, ownerUserId, 'certificate', [assetId]);
      if (product.certificateDocumentAssetId === assetId) return product;
      const changed = product.certificateDocumentAssetId !== null;
      product.certificateDocumentAssetId = assetId;
      product.updatedAt = new Date();
      if (changed && product.status === 'active') {
        await this.lifecycle.move(em, product, 'recertify', ownerUserId, null);
      }
      return this.products.save(em, product);
    });
    return this.lifecycle.ownerView(saved, producer);
  }

  async setLogo(ownerUserId: string, assetId: string): Promise<ProducerView> {
    await this.producers.requireOwn(ownerUserId);
    const saved = await this.tx.run(async (em) => {
      const producer = await this.producerRows.lockByOwner(em, ownerUserId);
      if (!producer)
        throw new CatalogueError('PRODUCER_PROFILE_REQUIRED', 'Create your producer profile first');
      await this.assets.claim(em, ownerUserId, 'producer-logo', [assetId]);
      producer.logoAssetId = assetId;
      producer.updatedAt = new Date();
      return this.producerRows.save(em, producer);
    });
    return this.producers.view(saved);
  }
}
