export * from './catalogue.module';
export * from './catalogue-http.module';
export * from './catalogue-jobs.module';
export { CatalogueFacade } from './application/catalogue.facade';
export { ProductsService } from './application/products.service';
// Attaching uploaded pictures without HTTP (the seed): photos, certificate document, producer logo.
export { ProductMediaService } from './application/product-media.service';
export type { StockOptions, StockResult } from './application/stock.service';
export type { StockCheck } from './application/stock-reconciliation.service';
export type { StockDrift } from './infrastructure/stock-reconciliation.repository';
export type { ExpiryScanResult } from './application/certificate-expiry.service';
export type { ProducerInput, ProducerPatch, ProductInput, ProductPatch } from './application/inputs';
export type {
  NotificationView,
  ProducerSummaryView,
  ProducerView,
  ProductView,
  ProvinceView,
} from './application/views';
export { CERTIFICATE_SCAN_SCHEDULER_ID } from './jobs/catalogue.processor';
export * from './domain';
