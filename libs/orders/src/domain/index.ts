export * from './address';
export * from './checkout';
export * from './expiry';
export * from './idempotency';
export * from './order-state';
export * from './order.errors';
export * from './saved-addresses';
