export * from './live.errors';
export * from './session-lifecycle';
export * from './session-rules';
