export * from './ledger';
export * from './csv';
