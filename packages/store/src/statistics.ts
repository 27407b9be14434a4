// Planner statistics for the embedded database. PostgreSQL's autovacuum daemon runs ANALYZE as
// tables grow; PGlite has no background workers, so without this its planner keeps the estimates
// of an empty table and pages an added_after poll by scanning every row after it (20 req/s at
// 10,000 objects, 98 after one ANALYZE). This keeps them current the way autovacuum would: after
// migrations, and once the rows written since the last ANALYZE pass a share of the table.
import type { Db } from './db.ts';

/** As autovacuum's analyze threshold: 50 rows plus 10% of the table. */
const BASE_ROWS = 50;
const SHARE = 0.1;

export interface Statistics {
  /** Analyze now (after migrations), and wait for it. */
  refresh(): Promise<void>;
  /** Count rows written; analyze in the background once they pass the threshold. */
  written(rows: number): void;
  /** Wait for a running ANALYZE (before closing the database). */
  settle(): Promise<void>;
}

export function createStatistics(db: Db, onError: (error: unknown) => void = () => {}): Statistics {
  let rowsAtLast = 0;
  let since = 0;
  let running: Promise<void> | undefined;

  async function analyze(): Promise<void> {
    since = 0;
    await db.exec('ANALYZE');
    const [row] = await db.query<{ n: number | string }>('SELECT count(*) AS n FROM objects');
    rowsAtLast = Number(row?.n ?? 0);
  }

  return {
    async refresh() {
      await running;
      await analyze();
    },
    written(rows) {
      since += rows;
      if (running || since < BASE_ROWS + SHARE * rowsAtLast) return;
      running = analyze()
        .catch(onError)
        .finally(() => {
          running = undefined;
        });
    },
    async settle() {
      await running;
    },
  };
}

/** For PostgreSQL: its autovacuum daemon keeps the statistics. */
export const AUTOVACUUM: Statistics = {
  refresh: async () => {},
  written: () => {},
  settle: async () => {},
};
