import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openStore, type StixObject, type Store } from '@stixmill/store';
import { createHttpApp, TAXII_MEDIA_TYPE } from '@stixmill/taxii';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

// What SOC platforms do against the feed, reproduced request for request from their code (see
// docs/clients/): OpenCTI's TAXII feed ingestion (saved cursor and added_after, the next start
// taken from X-TAXII-Date-Added-Last or its own clock), OpenCTI's taxii2 connector polling several
// collections, and MISP's push (envelopes filled up to max_content_length).

let store: Store;
let server: Server;
let base: string;
const AUTH = `Basic ${Buffer.from('opencti:feed-secret').toString('base64')}`;

beforeAll(async () => {
  store = await openStore();
  const app = createHttpApp({
    store,
    auth: { users: [{ name: 'opencti', password: 'feed-secret', write: true }] },
    rateLimit: false,
    maxContentLength: 64 * 1024,
  });
  server = createServer((req, res) => void app(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v21/`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await store.close();
});

async function collection(canWrite = false): Promise<string> {
  const id = randomUUID();
  await store.putCollection({ id, title: `clients ${id}`, canRead: true, canWrite });
  return id;
}

const domain = (n: number): StixObject => ({
  type: 'domain-name',
  spec_version: '2.1',
  id: `domain-name--40000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  value: `recruiter-${n}.example`,
});

async function get(path: string) {
  const res = await fetch(new URL(path, base), { headers: { accept: TAXII_MEDIA_TYPE, authorization: AUTH } });
  return { res, body: (await res.json()) as { more?: boolean; next?: string; objects?: StixObject[] } };
}

/**
 * One scheduled run of OpenCTI's TAXII feed ingestion (ingestion manager: prepareTaxiiGetParam,
 * taxiiHttpGet, processTaxiiResponse): GET objects with the saved `next` and `added_after`;
 * while `more` and `next`, keep added_after and save next; otherwise reset the cursor and start
 * the next run after X-TAXII-Date-Added-Last, or after "now" when the header is absent.
 */
async function openctiRun(
  state: { addedAfter?: string; next?: string | undefined },
  collectionId: string,
  seen: string[],
) {
  for (let pages = 0; pages < 100; pages++) {
    const params = new URLSearchParams({ limit: '3' });
    if (state.next) params.set('next', state.next);
    if (state.addedAfter) params.set('added_after', state.addedAfter);
    const { res, body } = await get(`collections/${collectionId}/objects/?${params}`);
    expect(res.status).toBe(200);
    seen.push(...(body.objects ?? []).map((o) => o.id));
    if (body.more && body.next) {
      state.next = body.next;
      continue;
    }
    state.next = undefined;
    state.addedAfter = res.headers.get('x-taxii-date-added-last') ?? new Date().toISOString();
    return;
  }
  throw new Error('the feed never ended');
}

describe('OpenCTI TAXII feed ingestion', () => {
  test('scheduled runs with objects added between them: every object once, none lost, empty runs included', async () => {
    const c = await collection();
    const state: { addedAfter?: string; next?: string | undefined } = {};
    const seen: string[] = [];
    await store.putObjects(c, [1, 2, 3, 4, 5, 6, 7].map(domain));
    await openctiRun(state, c, seen);
    // A run with nothing new: an empty page, no date headers, the client starts from its clock.
    // Objects added before that clock reading (within the same millisecond here; within the
    // clock difference between two machines) would be skipped: the OpenCTI guide says to keep
    // both on NTP. Scheduled runs are minutes apart, so the next objects come later.
    await openctiRun(state, c, seen);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await store.putObjects(c, [8, 9].map(domain));
    await openctiRun(state, c, seen);
    await store.putObjects(c, [10, 11, 12, 13].map(domain));
    await openctiRun(state, c, seen);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13].map((n) => domain(n).id));
  });
});

describe("OpenCTI's taxii2 connector polling two collections", () => {
  test('a token reused on the next collection is refused with a 400, so the connector starts that collection afresh', async () => {
    const first = await collection();
    const second = await collection();
    await store.putObjects(first, [20, 21, 22, 23].map(domain));
    await store.putObjects(second, [30, 31].map(domain));
    const page = await get(`collections/${first}/objects/?limit=2`);
    const reused = await get(`collections/${second}/objects/?limit=2&next=${page.body.next}`);
    expect(reused.res.status).toBe(400);
    const fresh = await get(`collections/${second}/objects/?limit=2`);
    expect(fresh.body.objects?.map((o) => o.id)).toEqual([30, 31].map((n) => domain(n).id));
  });
});

describe("MISP's push (misp taxii_push: envelopes filled up to the API root's max_content_length)", () => {
  test('every envelope is accepted whole and every object is stored', async () => {
    const c = await collection(true);
    const root = (await (await fetch(base, { headers: { accept: TAXII_MEDIA_TYPE, authorization: AUTH } })).json()) as {
      max_content_length: number;
    };
    const objects = Array.from({ length: 1500 }, (_, n) => domain(1000 + n));
    // As make_taxii_envelopes does: add objects while the closed envelope stays within the limit.
    const envelopes: string[] = [];
    let current: string[] = [];
    for (const o of objects) {
      const json = JSON.stringify(o);
      if (`{"objects":[${[...current, json].join(',')}]}`.length > root.max_content_length) {
        envelopes.push(`{"objects":[${current.join(',')}]}`);
        current = [];
      }
      current.push(json);
    }
    envelopes.push(`{"objects":[${current.join(',')}]}`);
    expect(envelopes.length).toBeGreaterThan(1);
    let succeeded = 0;
    for (const body of envelopes) {
      const res = await fetch(new URL(`collections/${c}/objects/`, base), {
        method: 'POST',
        headers: { accept: TAXII_MEDIA_TYPE, 'content-type': TAXII_MEDIA_TYPE, authorization: AUTH },
        body,
      });
      expect(res.status).toBe(202);
      const status = (await res.json()) as { success_count: number; failure_count: number };
      expect(status.failure_count).toBe(0);
      succeeded += status.success_count;
    }
    expect(succeeded).toBe(objects.length);
    const manifest = await get(`collections/${c}/manifest/?limit=1000`);
    expect(manifest.body.more).toBe(true);
  });
});
