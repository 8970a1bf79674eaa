export * from './bull-outbox.dispatcher';
export * from './outbox.processor';
export * from './outbox-relay.module';
