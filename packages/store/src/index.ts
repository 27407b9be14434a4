export type { Db } from './db.ts';
export { DEFAULT_COLLECTION_ID, MIGRATIONS, type Migration, TLP_COLLECTIONS } from './migrations.ts';
export { openStore, type StoreOptions } from './open.ts';
export { openPglite } from './pglite.ts';
export { openPostgres } from './postgres.ts';
export { movesForward } from './progress.ts';
export { createSqlStore } from './store.ts';
export { fromMicros, toMicros } from './time.ts';
export * from './types.ts';
