export * from './address';
export * from './checkout';
export * from './expiry';
export * from './flash-deal';
export * from './idempotency';
export * from './order-state';
export * from './order.errors';
