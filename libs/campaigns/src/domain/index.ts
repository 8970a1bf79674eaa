export * from './campaign.errors';
export * from './coverage';
