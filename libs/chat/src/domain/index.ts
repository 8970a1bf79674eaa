export * from './chat.errors';
export * from './chat-rules';
export * from './banned-words';
