import './orders.events';

export * from './orders.module';
export * from './orders-http.module';
export * from './orders-jobs.module';
export { CheckoutService, REPLAY_WINDOW_MS } from './application/checkout.service';
export type { LineAnswer } from './application/checkout.service';
export { OrdersService } from './application/orders.service';
export { OrderLifecycleService } from './application/order-lifecycle.service';
export { OrderActionsService } from './application/order-actions.service';
export { OrderPaymentReconciliation } from './application/order-payment-reconciliation';
export type { OrderPaymentCheck, OrderPaymentDrift } from './application/order-payment-reconciliation';
export { SavedAddressesService } from './application/saved-addresses.service';
export type { SavedAddressView } from './application/saved-addresses.service';
export { expiryJobId } from './application/order-expiry.jobs';
export { EXPIRY_SWEEP_SCHEDULER_ID } from './jobs/orders.processor';
export type { CheckoutResult, OrderLineView, OrderView } from './application/views';
export type { OrderPlacedLinePayload, OrderPlacedPayload, OrderStatusChangedPayload } from './orders.events';
export * from './domain';
