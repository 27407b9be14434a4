export * from './codec.ts';
export * from './document.ts';
export * from './errors.ts';
export * from './findings.ts';
export * from './messages.ts';
export * from './stage.ts';
export * from './topics.ts';
