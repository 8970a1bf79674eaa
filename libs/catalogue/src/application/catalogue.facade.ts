import { Injectable } from '@nestjs/common';
import type { ImageView } from '@ocop/assets';
import { IsoDate, isUuid, Page } from '@ocop/kernel';
import { isSellable } from '../domain';
import { ProducersRepository } from '../infrastructure/producers.repository';
import { ProductsRepository } from '../infrastructure/products.repository';
import { CatalogueCalendar } from './catalogue-clock';
import { CatalogueMedia } from './catalogue-media';
import { CertificateExpiryService, ExpiryScanResult } from './certificate-expiry.service';
import { BrowseQuery, ProducerInput, ProductInput } from './inputs';
import { ProductBrowseService } from './product-browse.service';
import { ProductReviewService } from './product-review.service';
import { ProducersService } from './producers.service';
import { ProductsService } from './products.service';
import { StockOptions, StockResult, StockService } from './stock.service';
import { StockCheck, StockReconciliation } from './stock-reconciliation.service';
import { ProducerView, productView, ProductView } from './views';

/**
 * What other contexts (orders, live) and the demo seed use of the catalogue. Every method applies the same rules
 * as the HTTP routes: scopes, lifecycle table, certificate validity, atomic stock.
 */
@Injectable()
export class CatalogueFacade {
  constructor(
    private readonly producers: ProducersService,
    private readonly productsService: ProductsService,
    private readonly review: ProductReviewService,
    private readonly stock: StockService,
    private readonly expiry: CertificateExpiryService,
    private readonly products: ProductsRepository,
    private readonly producerRows: ProducersRepository,
    private readonly calendar: CatalogueCalendar,
    private readonly stockCheck: StockReconciliation,
    private readonly media: CatalogueMedia,
    private readonly browsing: ProductBrowseService,
  ) {}

  /** Sellable products as shoppers browse them (GET /api/products): the web shell's first answers. */
  browseProducts(query: BrowseQuery): Promise<Page<ProductView>> {
    return this.browsing.browse(query);
  }

  /** Creates the user's producer profile and grants them the farmer role. */
  createProducer(ownerUserId: string, input: ProducerInput): Promise<ProducerView> {
    return this.producers.create(ownerUserId, input);
  }

  async findProducerOfUser(ownerUserId: string): Promise<ProducerView | null> {
    const producer = await this.producerRows.findByOwner(ownerUserId);
    return producer ? this.producers.getPublic(producer.id) : null;
  }

  /** Creates a draft product for the user's producer profile. */
  createProduct(ownerUserId: string, input: ProductInput): Promise<ProductView> {
    return this.productsService.create(ownerUserId, input);
  }

  submitProduct(ownerUserId: string, productId: string): Promise<ProductView> {
    return this.productsService.submit(ownerUserId, productId);
  }

  /** Verifies a pending product; the admin's subtree must contain the producer's branch. */
  verifyProduct(adminUserId: string, productId: string): Promise<ProductView> {
    return this.review.verify(adminUserId, productId);
  }

  /** The cover photo of each product that has a processed one, by product id (order lines, small cards). */
  coverImages(productIds: readonly string[]): Promise<Map<string, ImageView>> {
    return this.media.covers(productIds);
  }

  /** Any product by id, whatever its status (null when unknown). */
  async findProduct(productId: string): Promise<ProductView | null> {
    const product = await this.products.findById(productId);
    if (!product) return null;
    const producer = await this.producerRows.findById(product.producerId);
    if (!producer) return null;
    return productView(
      product,
      producer,
      this.calendar.viewContext(),
      await this.media.lookup([product], [producer]),
    );
  }

  /** A producer's public profile, or null when unknown. */
  async findProducer(producerId: string): Promise<ProducerView | null> {
    if (!isUuid(producerId)) return null;
    const producer = await this.producerRows.findById(producerId);
    return producer ? this.producers.getPublic(producer.id) : null;
  }

  /** The ids of every product of the producer, whatever their status ([] for an unknown producer). */
  productIdsOfProducer(producerId: string): Promise<string[]> {
    return isUuid(producerId) ? this.products.idsOfProducer(producerId) : Promise.resolve([]);
  }

  /** The product if it can be sold right now (active, certificate valid today in Vietnam), else null. */
  async getSellableProduct(productId: string): Promise<ProductView | null> {
    const product = await this.findProduct(productId);
    return product && product.sellable ? product : null;
  }

  isSellableOn(product: Pick<ProductView, 'status' | 'certificate'>, day: IsoDate): boolean {
    return isSellable(product.status, product.certificate.expiresOn, day);
  }

  /** Atomically takes stock of a sellable product: 409 INSUFFICIENT_STOCK / PRODUCT_NOT_SELLABLE, 404 unknown. */
  reserveStock(productId: string, quantity: number, options?: StockOptions): Promise<StockResult> {
    return this.stock.reserve(productId, quantity, options);
  }

  /** Atomically gives stock back. */
  releaseStock(productId: string, quantity: number, options?: StockOptions): Promise<StockResult> {
    return this.stock.release(productId, quantity, options);
  }

  /**
   * For a caller that reserved or released stock inside its own transaction: after its commit, the new stock is
   * announced (live rooms pinning the product see it within a second).
   */
  stockCommitted(result: StockResult): void {
    this.stock.changed(result);
  }

  /** The reconciliation's stock check: products whose stock is not their ledger's sum, set back to it when `repair`. */
  reconcileStock(options: { repair: boolean }): Promise<StockCheck> {
    return this.stockCheck.check(options);
  }

  /** Runs the certificate expiry scan now (the worker runs it daily). */
  scanCertificateExpiry(asOf?: IsoDate): Promise<ExpiryScanResult> {
    return this.expiry.scan(asOf);
  }
}
