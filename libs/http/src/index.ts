export * from './error-status';
export * from './error.filter';
export * from './validation.pipe';
export * from './platform.module';
export * from './health.module';
export * from './configure-http-app';
export * from './dto';
