// Prints how fast the store takes bundles and serves TAXII pages, on the embedded backend or on
// PostgreSQL when DATABASE_URL is set (in a throwaway schema).
//   node packages/store/scripts/bench.ts [objects=10000] [batch=200]
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { openStore, type StixObject } from '../src/index.ts';

const total = Number(process.argv[2] ?? 10_000);
const batch = Number(process.argv[3] ?? 200);
const url = process.env.DATABASE_URL;

let databaseUrl: string | undefined;
let dropSchema = async () => {};
if (url) {
  const schema = `stixmill_bench_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const withSchema = new URL(url);
  withSchema.searchParams.set('options', `-c search_path=${schema}`);
  databaseUrl = withSchema.toString();
  dropSchema = async () => {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  };
}

const store = await openStore({ databaseUrl });
const collection = randomUUID();
await store.putCollection({ id: collection, title: 'bench', canRead: true, canWrite: false });

const object = (n: number): StixObject => ({
  type: n % 2 ? 'indicator' : 'domain-name',
  spec_version: '2.1',
  id: `${n % 2 ? 'indicator' : 'domain-name'}--${randomUUID()}`,
  ...(n % 2
    ? {
        created: '2025-02-21T10:00:00.000Z',
        modified: '2025-02-21T10:00:00.000Z',
        pattern: `[domain-name:value = 'host${n}.example']`,
        pattern_type: 'stix',
        valid_from: '2025-02-21T10:00:00Z',
      }
    : { value: `host${n}.example` }),
});

const batches: StixObject[][] = [];
for (let i = 0; i < total; i += batch)
  batches.push(Array.from({ length: Math.min(batch, total - i) }, (_, k) => object(i + k)));

let start = performance.now();
for (const objects of batches) await store.putObjects(collection, objects);
const putMs = performance.now() - start;

start = performance.now();
let pages = 0;
let seen = 0;
let next: string | undefined;
do {
  const page = await store.listObjects(collection, { limit: 1000, next });
  seen += page.items.length;
  next = page.next;
  pages++;
} while (next);
const readMs = performance.now() - start;

start = performance.now();
// A redelivered bundle: every object already stored.
const again = await store.putObjects(collection, batches[0] ?? []);
const dupMs = performance.now() - start;

console.log(
  JSON.stringify({
    backend: url ? 'postgres' : 'pglite (memory)',
    objects: total,
    batch,
    putObjectsPerSecond: Math.round((total / putMs) * 1000),
    pagesOf1000: pages,
    readObjectsPerSecond: Math.round((seen / readMs) * 1000),
    msPerPageOf1000: Math.round(readMs / pages),
    redeliveredBatchMs: Math.round(dupMs),
    redeliveredDuplicates: again.duplicates,
  }),
);
await store.close();
await dropSchema();
