import { mkdir } from 'node:fs/promises';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Db } from './db.ts';

type Queryable = Pick<Transaction, 'query' | 'exec'>;

function wrap(conn: Queryable, transaction: Db['transaction'], close: Db['close']): Db {
  return {
    async query<Row>(text: string, params: readonly unknown[] = []) {
      const result = await conn.query<Row>(text, params as unknown[]);
      return result.rows;
    },
    async exec(sql: string) {
      await conn.exec(sql);
    },
    transaction,
    close,
  };
}

/**
 * The embedded backend: PostgreSQL compiled to WASM, in this process. Data lives under `dataDir`,
 * or in memory when none is given. PGlite has one connection, so nested transactions reuse it.
 */
export async function openPglite(dataDir?: string): Promise<Db> {
  // PGlite creates only the last directory of the path; a fresh STIXMILL_DATA_DIR has none.
  if (dataDir !== undefined) await mkdir(dataDir, { recursive: true });
  const pg = dataDir === undefined ? new PGlite() : new PGlite(dataDir);
  await pg.waitReady;
  const close = async () => {
    if (!pg.closed) await pg.close();
  };
  const transaction: Db['transaction'] = (work) =>
    pg.transaction((tx) => {
      const inner = wrap(tx, (nested) => nested(inner), close);
      return work(inner);
    });
  return wrap(pg, transaction, close);
}
