export * from './data-source';
export * from './db.module';
export * from './naming-strategy';
export * from './transaction';
export * from './transformers';
export * from './pg-errors';
export { MIGRATIONS } from './migrations';
export * from './outbox';
