// Planner statistics for the embedded database. PostgreSQL's autovacuum daemon runs ANALYZE as
// tables grow; PGlite has no background workers, so without this its planner keeps the estimates
// of an empty table and pages an added_after poll by scanning every row after it. This keeps them
// current the way autovacuum would: after migrations, and once the rows written since the last
// ANALYZE pass a share of the table. Like autovacuum it waits for a lull: an ANALYZE holds PGlite's
// one connection (tens of ms), so during a bulk load it runs once writes pause for a second, or
// every half minute while they do not.
import type { Db } from './db.ts';

/** As autovacuum's analyze threshold: 50 rows plus 10% of the table. */
const BASE_ROWS = 50;
const SHARE = 0.1;
/** Quiet time after the last write before analyzing, and the longest a due ANALYZE waits. */
const QUIET_MS = 1000;
const MAX_WAIT_MS = 30_000;

export interface Statistics {
  /** Analyze now (after migrations), and wait for it. */
  refresh(): Promise<void>;
  /** Count rows written; analyze once they pass the threshold and writes pause. */
  written(rows: number): void;
  /** Run a due ANALYZE now and wait for it (before closing the database). */
  settle(): Promise<void>;
}

export function createStatistics(db: Db, onError: (error: unknown) => void = () => {}): Statistics {
  let rowsAtLast = 0;
  let since = 0;
  let dueSince: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  /** The objects table as it grows; every table after migrations. */
  async function analyze(table: 'objects' | 'all' = 'objects'): Promise<void> {
    since = 0;
    dueSince = undefined;
    await db.exec(table === 'all' ? 'ANALYZE' : 'ANALYZE objects');
    const [row] = await db.query<{ n: number | string }>('SELECT count(*) AS n FROM objects');
    rowsAtLast = Number(row?.n ?? 0);
  }

  function run(): void {
    clearTimeout(timer);
    timer = undefined;
    if (running) return;
    running = analyze('objects')
      .catch(onError)
      .finally(() => {
        running = undefined;
      });
  }

  return {
    async refresh() {
      await running;
      await analyze('all');
    },
    written(rows) {
      since += rows;
      if (since < BASE_ROWS + SHARE * rowsAtLast) return;
      const now = Date.now();
      dueSince ??= now;
      if (now - dueSince >= MAX_WAIT_MS) return run();
      clearTimeout(timer);
      timer = setTimeout(run, QUIET_MS);
      timer.unref();
    },
    async settle() {
      if (timer) run();
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
