export * from './csv';
export * from './figures';
export * from './period';
export * from './reports.errors';
