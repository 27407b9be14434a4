import { describe, expect, test } from 'vitest';
import type { Db } from './db.ts';
import { openPglite } from './pglite.ts';
import { AUTOVACUUM, createStatistics, type Statistics } from './statistics.ts';
import { createSqlStore } from './store.ts';

/** How many rows the planner thinks `objects` holds (pg_class.reltuples: -1 or 0 before any ANALYZE). */
async function estimated(db: Db): Promise<number> {
  const [row] = await db.query<{ n: number }>("SELECT reltuples AS n FROM pg_class WHERE relname = 'objects'");
  return Number(row?.n ?? -1);
}

/** Write 2,000 objects in four batches, as a feed fills, and return the planner's row estimate. */
async function afterWrites(keeper: (db: Db) => Statistics): Promise<number> {
  const db = await openPglite();
  const statistics = keeper(db);
  const store = createSqlStore(db, { statistics });
  await store.migrate();
  await store.putCollection({ id: 'c', title: 'c', canRead: true, canWrite: true });
  for (let i = 0; i < 4; i++)
    await store.putObjects(
      'c',
      Array.from({ length: 500 }, (_, n) => ({
        type: 'ipv4-addr',
        spec_version: '2.1',
        id: `ipv4-addr--30000000-0000-4000-8000-${String(i * 500 + n).padStart(12, '0')}`,
        value: `10.2.${i}.${n % 250}`,
      })),
    );
  await statistics.settle();
  const n = await estimated(db);
  await store.close();
  return n;
}

describe('planner statistics of the embedded database', () => {
  test('kept current as objects are written, without anyone running ANALYZE', async () => {
    expect(await afterWrites(createStatistics)).toBeGreaterThan(1000);
  });

  test('without the keeper the planner still thinks the table is empty (why the keeper exists)', async () => {
    expect(await afterWrites(() => AUTOVACUUM)).toBeLessThan(1000);
  });
});
