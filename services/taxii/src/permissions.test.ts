import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Log } from '@stixmill/contracts';
import { TLP_MARKINGS, TLP1_MARKING_IDS } from '@stixmill/stix';
import { DEFAULT_COLLECTION_ID, openStore, type StixObject, type Store, TLP_COLLECTIONS } from '@stixmill/store';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHttpApp, type HttpAppDeps, TAXII_MEDIA_TYPE } from './index.ts';

// Per-collection and per-principal permissions, anonymous reads and rate limiting, over real HTTP.

const quiet: Log = { debug() {}, info() {}, warn() {}, error() {} };
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const ALICE = basic('alice', 'wonderland');
const BOB = basic('bob', 'builder');
const INBOX = randomUUID();

let store: Store;
const servers: Server[] = [];

async function listen(deps: Omit<HttpAppDeps, 'store'>): Promise<string> {
  const app = createHttpApp({ store, log: quiet, ...deps });
  const server = createServer((req, res) => void app(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function get(base: string, path: string, auth?: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  headers.set('accept', TAXII_MEDIA_TYPE);
  if (auth) headers.set('authorization', auth);
  const res = await fetch(new URL(path, base), { ...init, headers });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
  const body: any = text ? JSON.parse(text) : undefined;
  return { res, body };
}

const marker = (n: number): StixObject => ({
  type: 'domain-name',
  spec_version: '2.1',
  id: `domain-name--${randomUUID()}`,
  value: `host${n}.example`,
});

beforeAll(async () => {
  store = await openStore();
  await store.putObjects(TLP_COLLECTIONS.clear.id, [marker(1)]);
  await store.putObjects(TLP_COLLECTIONS.red.id, [marker(2)]);
});
afterAll(async () => {
  for (const s of servers) await new Promise((resolve) => s.close(resolve));
  await store.close();
});

describe('permissions per collection and per user', () => {
  let base: string;
  beforeAll(async () => {
    base = await listen({
      auth: {
        users: [
          { name: 'alice', password: 'wonderland' },
          { name: 'bob', password: 'builder', write: true },
        ],
        anonymousRead: true,
      },
      collections: [
        { id: INBOX, alias: 'inbox', title: 'Inbox', read: ['alice'], write: ['alice'] },
        { alias: 'tlp-red', read: ['bob'] },
      ],
      rateLimit: false,
    });
  });

  test('each user sees the collections they may use, with their own can_read/can_write', async () => {
    const alice = (await get(base, '/api/v21/collections/', ALICE)).body.collections;
    const bob = (await get(base, '/api/v21/collections/', BOB)).body.collections;
    const anon = (await get(base, '/api/v21/collections/')).body.collections;
    const find = (list: { id: string }[], id: string) => list.find((c) => c.id === id);
    expect(find(alice, INBOX)).toMatchObject({ title: 'Inbox', can_read: true, can_write: true });
    expect(find(alice, TLP_COLLECTIONS.red.id)).toBeUndefined();
    expect(find(bob, INBOX)).toBeUndefined();
    expect(find(bob, TLP_COLLECTIONS.red.id)).toMatchObject({ can_read: true, can_write: false });
    expect(anon.map((c: { id: string }) => c.id)).toEqual([TLP_COLLECTIONS.clear.id]);
  });

  test('401 with a challenge for the anonymous reader, 403 for a user without the right', async () => {
    const anon = await get(base, `/api/v21/collections/${DEFAULT_COLLECTION_ID}/objects/`);
    expect(anon.res.status).toBe(401);
    expect(anon.res.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect(anon.body).toMatchObject({ title: 'Unauthorized', http_status: '401' });
    const alice = await get(base, `/api/v21/collections/${TLP_COLLECTIONS.red.id}/objects/`, ALICE);
    expect(alice.res.status).toBe(403);
    expect(alice.res.headers.get('content-type')).toBe(TAXII_MEDIA_TYPE);
    expect(alice.body).toMatchObject({ title: 'Forbidden', http_status: '403' });
    const post = await get(base, `/api/v21/collections/${INBOX}/objects/`, BOB, {
      method: 'POST',
      headers: { 'content-type': TAXII_MEDIA_TYPE },
      body: JSON.stringify({ objects: [marker(3)] }),
    });
    expect(post.res.status).toBe(403);
  });

  test('the anonymous reader reads TLP:CLEAR but never the report API', async () => {
    const clear = await get(base, `/api/v21/collections/${TLP_COLLECTIONS.clear.alias}/objects/`);
    expect(clear.res.status).toBe(200);
    expect(clear.body.objects).toHaveLength(1);
    const reports = await fetch(new URL('/api/reports', base));
    expect(reports.status).toBe(401);
  });

  test('a writer on the list adds objects to the configured collection', async () => {
    const object = marker(4);
    const post = await get(base, `/api/v21/collections/inbox/objects/`, ALICE, {
      method: 'POST',
      headers: { 'content-type': TAXII_MEDIA_TYPE },
      body: JSON.stringify({ objects: [object] }),
    });
    expect(post.res.status).toBe(202);
    expect(post.body).toMatchObject({ status: 'complete', success_count: 1 });
    const read = await get(base, `/api/v21/collections/inbox/objects/`, ALICE);
    expect(read.body.objects.map((o: StixObject) => o.id)).toEqual([object.id]);
  });
});

describe('TLP:RED leaks through the default collection: every collection filters by the reader clearance', () => {
  const marked = (value: string, ...markings: string[]): StixObject => ({
    ...marker(0),
    value,
    object_marking_refs: markings,
  });
  const red = marked('red-only.example', TLP_MARKINGS.red.id);
  const redTlp1 = marked('red-tlp1.example', TLP1_MARKING_IDS.red);
  const amber = marked('amber.example', TLP_MARKINGS.amber.id);
  const clear = marked('clear.example', TLP_MARKINGS.clear.id);
  const unmarked = marked('unmarked.example');
  let base: string;
  beforeAll(async () => {
    await store.putObjects(DEFAULT_COLLECTION_ID, [red, redTlp1, amber, clear, unmarked]);
    base = await listen({
      auth: {
        users: [
          { name: 'alice', password: 'wonderland' },
          { name: 'bob', password: 'builder' },
        ],
        anonymousRead: true,
      },
      // The README's own example: default open to everyone, TLP:RED for bob only.
      collections: [
        { alias: 'tlp-red', read: ['bob'] },
        { alias: 'default', read: ['*', 'anonymous'] },
      ],
      rateLimit: false,
    });
  });
  const values = async (path: string, auth?: string) => {
    const { res, body } = await get(base, path, auth);
    expect(res.status).toBe(200);
    return (body.objects ?? []).map((o: { value?: string; id: string }) => o.value ?? o.id);
  };
  const defaultObjects = `/api/v21/collections/${DEFAULT_COLLECTION_ID}/objects/?limit=1000`;
  const wanted = (list: string[]) => list.filter((v) => v.endsWith('.example') && !v.startsWith('host'));

  test('a reader denied tlp-red reads no TLP:RED object (1.0 or 2.0) in default', async () => {
    expect(wanted(await values(defaultObjects, ALICE))).toEqual(['amber.example', 'clear.example', 'unmarked.example']);
    expect(wanted(await values(defaultObjects, BOB))).toEqual([
      'red-only.example',
      'red-tlp1.example',
      'amber.example',
      'clear.example',
      'unmarked.example',
    ]);
  });

  test('the anonymous reader of default reads only what is TLP:CLEAR or unmarked', async () => {
    expect(wanted(await values(defaultObjects))).toEqual(['clear.example', 'unmarked.example']);
  });

  test('a hidden object is a 404 by id, and absent from the manifest', async () => {
    const one = await get(base, `/api/v21/collections/${DEFAULT_COLLECTION_ID}/objects/${red.id}/`, ALICE);
    expect(one.res.status).toBe(404);
    expect((await get(base, `/api/v21/collections/${DEFAULT_COLLECTION_ID}/objects/${red.id}/`, BOB)).res.status).toBe(
      200,
    );
    const manifest = await get(base, `/api/v21/collections/${DEFAULT_COLLECTION_ID}/manifest/?limit=1000`, ALICE);
    expect(manifest.body.objects.map((o: { id: string }) => o.id)).not.toContain(red.id);
  });

  test('the report API shows a reader no source or count of a report above their clearance', async () => {
    const redReport = `report-red-${randomUUID()}`;
    const greenReport = `report-green-${randomUUID()}`;
    await store.recordStage(redReport, 'submitted', { source: 'https://secret.example/red', tlp: 'red' });
    await store.recordStage(redReport, 'extracted', { counts: { findings: 7 } });
    await store.recordStage(greenReport, 'submitted', { source: 'https://public.example/green', tlp: 'green' });
    const list = async (auth: string) => {
      const res = await fetch(new URL('/api/reports?limit=500', base), { headers: { authorization: auth } });
      expect(res.status).toBe(200);
      return JSON.stringify(await res.json());
    };
    const alice = await list(ALICE);
    expect(alice).toContain(greenReport);
    expect(alice).not.toContain(redReport);
    expect(alice).not.toContain('secret.example');
    expect(await list(BOB)).toContain('secret.example');
    const one = await fetch(new URL(`/api/reports/${redReport}`, base), { headers: { authorization: ALICE } });
    expect(one.status).toBe(404);
    expect(await one.text()).not.toContain('secret.example');
    const bob = await fetch(new URL(`/api/reports/${redReport}`, base), { headers: { authorization: BOB } });
    expect(await bob.json()).toMatchObject({
      tlp: 'red',
      source: 'https://secret.example/red',
      counts: { findings: 7 },
    });
  });

  test('a configuration that clears anonymous readers for TLP:RED or AMBER+STRICT is refused at start', () => {
    for (const alias of ['tlp-red', 'tlp-amber-strict', 'tlp-amber']) {
      expect(() =>
        createHttpApp({
          store,
          log: quiet,
          auth: { users: [{ name: 'alice', password: 'wonderland' }], anonymousRead: true },
          collections: [{ alias, read: ['anonymous'] }],
        }),
      ).toThrow(new RegExp(`anonymous readers read TLP:.*remove "anonymous" from the read list of ${alias}`));
    }
  });
});

describe('rate limiting', () => {
  test('past the burst: 429 with Retry-After and a TAXII error; per client', async () => {
    const base = await listen({
      auth: { users: [{ name: 'alice', password: 'wonderland' }], tokens: [{ token: 'tok', name: 'feed' }] },
      rateLimit: { perSecond: 0.01, burst: 3 },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await get(base, '/api/v21/', ALICE)).res.status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await get(base, '/api/v21/', ALICE);
    expect(limited.res.headers.get('retry-after')).toBe('100');
    expect(limited.res.headers.get('content-type')).toBe(TAXII_MEDIA_TYPE);
    expect(limited.body).toMatchObject({ title: 'Too Many Requests', http_status: '429' });
    expect((await get(base, '/api/v21/', 'Bearer tok')).res.status).toBe(200);
    const api = await fetch(new URL('/api/reports', base), { headers: { authorization: ALICE } });
    expect(api.status).toBe(429);
    expect(await api.json()).toMatchObject({ error: { code: 'too_many_requests' } });
  });

  test('failed logins count against the address', async () => {
    const base = await listen({
      auth: { users: [{ name: 'alice', password: 'wonderland' }] },
      rateLimit: { perSecond: 0.01, burst: 2 },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await get(base, '/api/v21/', basic('alice', `guess${i}`))).res.status);
    expect(statuses).toEqual([401, 401, 429]);
  });

  test('password guessing: once locked, the right password is answered like a wrong one', async () => {
    const logged: string[] = [];
    const log: Log = { ...quiet, warn: (_fields: unknown, message?: string) => void logged.push(String(message)) };
    const base = await listen({
      auth: { users: [{ name: 'alice', password: 'wonderland' }] },
      rateLimit: { perSecond: 1000, burst: 1000 },
      loginGuard: { freeFailures: 5, firstLockMs: 60_000 },
      log,
    });
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) statuses.push((await get(base, '/api/v21/', basic('alice', `guess${i}`))).res.status);
    // Five free failures, the sixth locks: every guess after it is refused unchecked.
    expect(statuses.filter((status) => status === 401)).toHaveLength(6);
    expect(statuses.slice(6).every((status) => status === 429)).toBe(true);
    const wrong = await get(base, '/api/v21/', basic('alice', 'guess51'));
    const right = await get(base, '/api/v21/', ALICE);
    expect(right.res.status).toBe(429);
    const unnumbered = (body: unknown) => JSON.stringify(body).replace(/\d+ s/g, 'N s');
    expect(unnumbered(right.body)).toBe(unnumbered(wrong.body));
    expect(Number(right.res.headers.get('retry-after'))).toBeGreaterThan(50);
    expect(logged).toContain('failed logins: locked for a while');
  });
});
