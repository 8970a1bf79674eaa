export * from './catalogue.errors';
export * from './product-lifecycle';
export * from './certificate';
export * from './product-rules';
export * from './search';
export * from './notifications';
