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

const SHARED_BUFFERS = '32MB';

/**
 * The embedded backend: PostgreSQL compiled to WASM, in this process. Data lives under `dataDir`,
 * or in memory when none is given. PGlite has one connection, so nested transactions reuse it.
 */
export async function openPglite(dataDir?: string): Promise<Db> {
  // PGlite creates only the last directory of the path; a fresh STIXMILL_DATA_DIR has none.
  if (dataDir !== undefined) await mkdir(dataDir, { recursive: true });
  // PostgreSQL's 128 MB of shared buffers is sized for a server with other clients; here the OS
  // page cache holds the files too, and 32 MB served 100,000-object polls as fast (http-bench) while
  // the process starts about 100 MB smaller.
  const options = { postgresqlconf: [`shared_buffers = ${SHARED_BUFFERS}`] };
  const pg = dataDir === undefined ? new PGlite(options) : new PGlite(dataDir, options);
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
