export * from './bull-outbox.dispatcher';
export * from './outbox-acknowledger';
export * from './outbox.processor';
export * from './outbox-relay.module';
