import { defineErrors } from '@ocop/kernel';

export const CatalogueErrorCode = {
  ProducerNotFound: 'PRODUCER_NOT_FOUND',
  ProducerAlreadyExists: 'PRODUCER_ALREADY_EXISTS',
  ProducerProfileRequired: 'PRODUCER_PROFILE_REQUIRED',
  UnknownProvince: 'UNKNOWN_PROVINCE',
  InvalidPhone: 'INVALID_PHONE',
  UnknownBranch: 'UNKNOWN_BRANCH',
  ProductNotFound: 'PRODUCT_NOT_FOUND',
  IllegalTransition: 'ILLEGAL_TRANSITION',
  CertificateInvalid: 'CERTIFICATE_INVALID',
  CertificateExpired: 'CERTIFICATE_EXPIRED',
  ProductNotSellable: 'PRODUCT_NOT_SELLABLE',
  InsufficientStock: 'INSUFFICIENT_STOCK',
  StockLimitExceeded: 'STOCK_LIMIT_EXCEEDED',
  InvalidQuantity: 'INVALID_QUANTITY',
  AdminScopeRequired: 'ADMIN_SCOPE_REQUIRED',
} as const;
export type CatalogueErrorCode = (typeof CatalogueErrorCode)[keyof typeof CatalogueErrorCode];

export const CatalogueError = defineErrors<CatalogueErrorCode>({
  PRODUCER_NOT_FOUND: 'not_found',
  PRODUCER_ALREADY_EXISTS: 'conflict',
  PRODUCER_PROFILE_REQUIRED: 'forbidden',
  UNKNOWN_PROVINCE: 'invalid',
  INVALID_PHONE: 'invalid',
  UNKNOWN_BRANCH: 'unprocessable',
  PRODUCT_NOT_FOUND: 'not_found',
  ILLEGAL_TRANSITION: 'conflict',
  CERTIFICATE_INVALID: 'invalid',
  CERTIFICATE_EXPIRED: 'unprocessable',
  PRODUCT_NOT_SELLABLE: 'conflict',
  INSUFFICIENT_STOCK: 'conflict',
  STOCK_LIMIT_EXCEEDED: 'conflict',
  INVALID_QUANTITY: 'invalid',
  ADMIN_SCOPE_REQUIRED: 'forbidden',
});
export type CatalogueError = InstanceType<typeof CatalogueError>;
