export * from './ledger';
export * from './csv';
export * from './payout-account';
export * from './payos-payout';
