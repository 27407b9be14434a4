export * from './topics.ts';
export * from './errors.ts';
export * from './document.ts';
export * from './findings.ts';
export * from './messages.ts';
export * from './codec.ts';
export * from './stage.ts';
