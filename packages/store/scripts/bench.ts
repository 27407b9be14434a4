// Prints how fast the store takes objects and serves TAXII polls, for the embedded backend (PGlite,
// on disk in a temporary directory) and, when DATABASE_URL is set, PostgreSQL (in a throwaway
// schema). Loads up to OBJECTS objects in batches, stopping early at --seconds, then measures:
// the first page, a deep page reached by `next`, an added_after poll, and under 8 concurrent
// clients p50/p99 latency and requests per second of a paged added_after poll (limit 1000) and
// of a match[id] lookup.
//   node packages/store/scripts/bench.ts [objects=1000000] [--batch 1000] [--seconds 240]
//        [--backend pglite|postgres|both] [--clients 8] [--requests 400]
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type StixObject, type Store } from '../src/index.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
};
const total = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const batchSize = Number(option('batch', '1000'));
const budgetMs = Number(option('seconds', '240')) * 1000;
const clients = Number(option('clients', '8'));
const requests = Number(option('requests', '400'));
const which = option('backend', process.env.DATABASE_URL ? 'both' : 'pglite');

const ms = (t: number) => Math.round(t * 100) / 100;

function object(n: number): StixObject {
  const at = new Date(Date.UTC(2025, 0, 1) + n * 1000).toISOString();
  if (n % 2 === 0)
    return { type: 'domain-name', spec_version: '2.1', id: `domain-name--${randomUUID()}`, value: `host${n}.example` };
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${randomUUID()}`,
    created: at,
    modified: at,
    name: `Fake recruiter domain ${n}`,
    pattern: `[domain-name:value = 'host${n}.example']`,
    pattern_type: 'stix',
    valid_from: at,
    object_marking_refs: ['marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487'],
  };
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

/** `clients` loops sharing `requests` requests; latency percentiles and overall throughput. */
async function underLoad(request: (i: number) => Promise<unknown>) {
  const latencies: number[] = [];
  let issued = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (issued < requests) {
        const i = issued++;
        const [, took] = await timed(() => request(i));
        latencies.push(took);
      }
    }),
  );
  const elapsed = performance.now() - start;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => ms(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return { p50Ms: at(0.5), p99Ms: at(0.99), requestsPerSecond: Math.round((latencies.length / elapsed) * 1000) };
}

async function bench(name: string, store: Store) {
  const collection = randomUUID();
  await store.putCollection({ id: collection, title: 'bench', canRead: true, canWrite: false });
  const sampleIds: string[] = [];
  let loaded = 0;
  const loadStart = performance.now();
  while (loaded < total && performance.now() - loadStart < budgetMs) {
    const batch = Array.from({ length: Math.min(batchSize, total - loaded) }, (_, k) => object(loaded + k));
    await store.putObjects(collection, batch);
    sampleIds.push(batch[0]?.id ?? '');
    loaded += batch.length;
  }
  const loadMs = performance.now() - loadStart;

  // Date_added positions to poll from: the manifest at a few depths, read once.
  const [firstPage, firstMs] = await timed(() => store.listObjects(collection, { limit: 1000 }));
  const dates: string[] = [];
  let cursor = firstPage.next;
  const stride = Math.max(1, Math.floor(loaded / 1000 / 20)); // about 20 positions across the data
  for (let page = 1; cursor && dates.length < 20; page++) {
    const p = await store.manifest(collection, { limit: 1000, next: cursor });
    if (page % stride === 0 && p.lastAdded) dates.push(p.lastAdded);
    cursor = p.next;
  }
  // A `next` token from about 90% of the way through, as a client paging from the start would
  // hold: taken before the last position read, so objects follow it, and sent with the filters of
  // the request that returned it (a token is bound to them).
  const deepFrom = dates[Math.floor((dates.length - 1) * 0.9)] ?? firstPage.lastAdded;
  const deepStart = await store.listObjects(collection, { limit: 1, addedAfter: deepFrom });
  const deepNext = deepStart.next;
  const deepMs =
    deepNext === undefined
      ? null
      : (await timed(() => store.listObjects(collection, { limit: 1000, addedAfter: deepFrom, next: deepNext })))[1];
  const [, afterMs] = await timed(() => store.listObjects(collection, { limit: 1000, addedAfter: dates[0] }));
  const [, redeliveredMs] = await timed(() => store.putObjects(collection, [object(1), object(3)]));

  const poll = await underLoad((i) =>
    store.listObjects(collection, { limit: 1000, addedAfter: dates[i % Math.max(1, dates.length)] }),
  );
  const lookup = await underLoad((i) =>
    store.listObjects(collection, { limit: 10, ids: [sampleIds[(i * 7919) % sampleIds.length] ?? ''] }),
  );
  console.log(
    JSON.stringify({
      backend: name,
      objects: loaded,
      batch: batchSize,
      loadSeconds: Math.round(loadMs / 100) / 10,
      objectsPerSecond: Math.round((loaded / loadMs) * 1000),
      firstPageOf1000Ms: ms(firstMs),
      deepPageViaNextMs: deepMs === null ? null : ms(deepMs),
      addedAfterPageOf1000Ms: ms(afterMs),
      smallPutMs: ms(redeliveredMs),
      [`addedAfterPoll_limit1000_${clients}clients`]: poll,
      [`matchIdLookup_${clients}clients`]: lookup,
    }),
  );
}

if (which === 'pglite' || which === 'both') {
  const dir = await mkdtemp(join(tmpdir(), 'stixmill-bench-'));
  const store = await openStore({ dataDir: join(dir, 'db') });
  try {
    await bench('pglite (embedded, on disk)', store);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const url = process.env.DATABASE_URL;
if ((which === 'postgres' || which === 'both') && url) {
  const schema = `stixmill_bench_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const withSchema = new URL(url);
  withSchema.searchParams.set('options', `-c search_path=${schema}`);
  const store = await openStore({ databaseUrl: withSchema.toString() });
  try {
    await bench('postgres', store);
  } finally {
    await store.close();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
}
