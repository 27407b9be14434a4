import pg from 'pg';
import type { Db } from './db.ts';

type Client = pg.PoolClient | pg.Pool;

function wrap(conn: Client, transaction: Db['transaction'], close: Db['close']): Db {
  return {
    async query<Row>(text: string, params: readonly unknown[] = []) {
      const result = await conn.query(text, params as unknown[]);
      return result.rows as Row[];
    },
    async exec(sql: string) {
      // Without parameters node-postgres uses the simple protocol, which takes several statements.
      await conn.query(sql);
    },
    transaction,
    close,
  };
}

/** The distributed backend: a PostgreSQL server at `url` (postgres://user:pass@host/db). */
export async function openPostgres(url: string, options: { maxConnections?: number } = {}): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10 });
  // An idle connection that drops emits 'error'; without a listener that would end the process.
  // The pool discards the connection and the next query reports the failure to its caller.
  pool.on('error', () => undefined);
  // Fail at start-up, not at the first request, when the server is unreachable.
  const probe = await pool.connect();
  probe.release();
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await pool.end();
  };
  const transaction: Db['transaction'] = async (work) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const inner = wrap(client, (nested) => nested(inner), close);
      const result = await work(inner);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };
  return wrap(pool, transaction, close);
}
