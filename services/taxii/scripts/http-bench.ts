// Prints how fast the TAXII server answers over HTTP, for the embedded backend and, when
// DATABASE_URL is set, PostgreSQL: objects loaded per second through TAXII POST beside the store's
// own putObjects on the same batches; a client paging the whole collection with `next`; an
// `added_after` poll under 8 concurrent clients; one object by id under 8 clients. Latencies are
// p50/p99 in ms. The load is the figure to compare between backends in one run, not a target.
//   node services/taxii/scripts/http-bench.ts [objects=100000] [--backend pglite|postgres|both]
//        [--clients 8] [--requests 400] [--post-share 0.2]

import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Store } from '@stixmill/store';
import { benchArgs, ms, onBackends, sampleObject, timed, underLoad } from '@stixmill/store/bench';
import { createHttpApp, TAXII_MEDIA_TYPE } from '../src/index.ts';

const { count: total, option } = benchArgs(100_000);
const clients = Number(option('clients', '8'));
const requests = Number(option('requests', '400'));
const postShare = Number(option('post-share', '0.2'));
const which = option('backend', process.env.DATABASE_URL ? 'both' : 'pglite');
const BATCH = 1000;

async function bench(name: string, store: Store) {
  const app = createHttpApp({ store, rateLimit: false, maxContentLength: 64 * 1024 * 1024 });
  const server = createServer((req, res) => void app(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v21`;
  const headers = { accept: TAXII_MEDIA_TYPE, 'content-type': TAXII_MEDIA_TYPE };
  const get = async (path: string) => {
    const res = await fetch(`${base}${path}`, { headers });
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { more: boolean; next?: string; objects: Array<{ id: string }> };
  };
  try {
    const collection = randomUUID();
    await store.putCollection({ id: collection, title: 'bench', canRead: true, canWrite: true });
    // The first share of the objects through TAXII POST, the rest straight into the store:
    // objects per second of each, on batches of the same size and shape.
    const viaPost = Math.min(total, Math.round(total * postShare));
    let posted = 0;
    const [, postMs] = await timed(async () => {
      for (; posted < viaPost; posted += BATCH) {
        const objects = Array.from({ length: Math.min(BATCH, viaPost - posted) }, (_, k) => sampleObject(posted + k));
        const res = await fetch(`${base}/collections/${collection}/objects/`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ objects }),
        });
        const status = (await res.json()) as { failure_count: number };
        if (res.status !== 202 || status.failure_count)
          throw new Error(`POST: ${res.status} ${JSON.stringify(status)}`);
      }
    });
    let stored = viaPost;
    const [, storeMs] = await timed(async () => {
      for (; stored < total; stored += BATCH)
        await store.putObjects(
          collection,
          Array.from({ length: Math.min(BATCH, total - stored) }, (_, k) => sampleObject(stored + k)),
        );
    });

    // A client reading the whole collection page by page, as a first poll does.
    const objects = `/collections/${collection}/objects/`;
    const dates: string[] = [];
    const ids: string[] = [];
    let pages = 0;
    const [, walkMs] = await timed(async () => {
      let next: string | undefined;
      do {
        const page = await get(`${objects}?limit=1000${next ? `&next=${encodeURIComponent(next)}` : ''}`);
        ids.push(page.objects[0]?.id ?? '');
        next = page.next;
        pages++;
      } while (next);
    });
    const manifest = `/collections/${collection}/manifest/?limit=1000`;
    for (let at = 0; dates.length < 20; at++) {
      const page = await fetch(`${base}${manifest}&added_after=${dates.at(-1) ?? '1970-01-01T00:00:00Z'}`, { headers });
      const last = page.headers.get('x-taxii-date-added-last');
      if (!last || at > 200) break;
      dates.push(last);
    }
    const poll = await underLoad(clients, requests, (i) =>
      get(`${objects}?limit=1000&added_after=${dates[i % Math.max(1, dates.length)]}`),
    );
    const one = await underLoad(clients, requests, (i) => get(`${objects}${ids[(i * 7919) % ids.length]}/`));
    console.log(
      JSON.stringify({
        backend: name,
        objects: total,
        postObjectsPerSecond: viaPost ? Math.round((viaPost / postMs) * 1000) : null,
        storeObjectsPerSecond: total > viaPost ? Math.round(((total - viaPost) / storeMs) * 1000) : null,
        pagedPoll: { pages, seconds: ms(walkMs / 1000), pagesPerSecond: Math.round((pages / walkMs) * 1000) },
        [`addedAfterPoll_limit1000_${clients}clients`]: poll,
        [`oneObject_${clients}clients`]: one,
      }),
    );
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

await onBackends(which, bench);
