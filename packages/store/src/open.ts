import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import { createStatistics } from './statistics.ts';
import { createSqlStore } from './store.ts';
import type { Store } from './types.ts';

export interface StoreOptions {
  /** A PostgreSQL URL: the distributed backend. Without it, the embedded one. */
  databaseUrl?: string | undefined;
  /** Where the embedded database keeps its files; in memory when absent. */
  dataDir?: string | undefined;
  /** Apply pending migrations on open (default true). */
  migrate?: boolean;
}

/** Open the store the options describe, migrated and ready. */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  // PGlite has no autovacuum daemon: the store keeps its planner statistics itself.
  const store = options.databaseUrl
    ? createSqlStore(await openPostgres(options.databaseUrl))
    : await openPglite(options.dataDir).then((db) => createSqlStore(db, { statistics: createStatistics(db) }));
  if (options.migrate !== false) {
    try {
      await store.migrate();
    } catch (error) {
      await store.close();
      throw error;
    }
  }
  return store;
}
