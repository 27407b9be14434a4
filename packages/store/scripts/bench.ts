// Prints how fast the store takes objects and serves TAXII polls, for the embedded backend (PGlite,
// on disk in a temporary directory) and, when DATABASE_URL is set, PostgreSQL (in a throwaway
// schema). Loads up to OBJECTS objects in batches, stopping early at --seconds, then measures:
// the first page, a deep page reached by `next`, an added_after poll, and under 8 concurrent
// clients p50/p99 latency and requests per second of a paged added_after poll (limit 1000) and
// of a match[id] lookup.
//   node packages/store/scripts/bench.ts [objects=1000000] [--batch 1000] [--seconds 240]
//        [--backend pglite|postgres|both] [--clients 8] [--requests 400]
import { randomUUID } from 'node:crypto';
import type { Store } from '../src/index.ts';
import { benchArgs, underLoad as load, ms, sampleObject as object, onBackends, timed } from './bench-kit.ts';

const { count: total, option } = benchArgs(1_000_000);
const batchSize = Number(option('batch', '1000'));
const budgetMs = Number(option('seconds', '240')) * 1000;
const clients = Number(option('clients', '8'));
const requests = Number(option('requests', '400'));
const which = option('backend', process.env.DATABASE_URL ? 'both' : 'pglite');

const underLoad = (request: (i: number) => Promise<unknown>) => load(clients, requests, request);

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

await onBackends(which, bench);
