export * from './assets.errors';
export * from './purposes';
export * from './sniff';
export * from './file-name';
export * from './chunks';
export * from './renditions';
