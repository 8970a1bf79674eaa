export * from './outbox.topics';
export * from './outbox.writer';
export * from './outbox.reader';
export * from './outbox.subscribers';
export * from './outbox.relay';
export * from './outbox.module';
