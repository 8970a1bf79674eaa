export * from './redis.module';
export * from './queue.module';
export * from './queue.registry';
export * from './typed-processor';
export * from './outbox-relay';
export * from './job-schedules';
