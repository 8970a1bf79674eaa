import { Injectable } from '@nestjs/common';
import { IsoDate } from '@ocop/kernel';
import { isSellable } from '../domain';
import { ProducersRepository } from '../infrastructure/producers.repository';
import { ProductsRepository } from '../infrastructure/products.repository';
import { CatalogueCalendar } from './catalogue-clock';
import { CertificateExpiryService, ExpiryScanResult } from './certificate-expiry.service';
import { ProducerInput, ProductInput } from './inputs';
import { ProductReviewService } from './product-review.service';
import { ProducersService } from './producers.service';
import { ProductsService } from './products.service';
import { StockOptions, StockResult, StockService } from './stock.service';
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
  ) {}

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

  /** Any product by id, whatever its status (null when unknown). */
  async findProduct(productId: string): Promise<ProductView | null> {
    const product = await this.products.findById(productId);
    if (!product) return null;
    const producer = await this.producerRows.findById(product.producerId);
    return producer ? productView(product, producer, this.calendar.viewContext()) : null;
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

  /** Runs the certificate expiry scan now (the worker runs it daily). */
  scanCertificateExpiry(asOf?: IsoDate): Promise<ExpiryScanResult> {
    return this.expiry.scan(asOf);
  }
}
