/**
 * The little a store needs from a SQL connection. PGlite and node-postgres both speak
 * PostgreSQL with `$n` parameters, so one set of queries serves both through this port.
 */
export interface Db {
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Several statements at once, without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Run `work` in one transaction: committed when it returns, rolled back when it throws. */
  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
