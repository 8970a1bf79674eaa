export * from './roles';
export * from './auth-user';
export * from './auth.errors';
export * from './decorators';
export * from './access-token.service';
export * from './access.guard';
export * from './rate-limiter';
export * from './auth.module';
