export * from './payments.errors';
export * from './payment-status';
export * from './payment-events';
export * from './stripe-event-mapping';
export * from './vietqr';
export * from './transfer-review';
