export * from './flash-deal';
export * from './listing-limits';
export * from './live.errors';
export * from './session-lifecycle';
export * from './session-rules';
export * from './stream';
export * from './external-stream';
export * from './playback';
