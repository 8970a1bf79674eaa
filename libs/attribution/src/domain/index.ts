export * from './attribution';
export * from './attribution.errors';
export * from './ledger';
