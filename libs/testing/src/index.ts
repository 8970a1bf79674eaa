export * from './test-env';
export * from './test-app';
export * from './factories/identity';
export * from './factories/catalogue';
export * from './factories/live';
export * from './factories/chat';
export * from './stripe-spec-validator';
export * from './stripe-stub';
