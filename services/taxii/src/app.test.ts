import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Log, Payload } from '@stixmill/contracts';
import { DEFAULT_COLLECTION_ID, openStore, type StixObject, type Store } from '@stixmill/store';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHttpApp, createTaxiiStage, type HttpAppDeps, type SubmitRequest, TAXII_MEDIA_TYPE } from './index.ts';

// Real HTTP against the app on 127.0.0.1, over the embedded (PGlite) store.

const quiet: Log = { debug() {}, info() {}, warn() {}, error() {} };
const USERS = {
  users: [
    { name: 'analyst', password: 'correct horse', write: true },
    { name: 'reader', password: 'read only' },
  ],
  tokens: [{ token: 'opencti-token', name: 'opencti' }],
};
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const ANALYST = basic('analyst', 'correct horse');

async function listen(deps: HttpAppDeps): Promise<{ base: string; server: Server }> {
  const app = createHttpApp(deps);
  const server = createServer((req, res) => void app(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function indicator(n: number, modified = '2025-02-21T10:00:00.000Z'): StixObject {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--10000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    created: '2025-02-21T10:00:00.000Z',
    modified,
    pattern: `[domain-name:value = 'fake-recruiter${n}.example']`,
    pattern_type: 'stix',
    valid_from: '2025-02-21T10:00:00Z',
  };
}

let store: Store;
let base: string;
let servers: Server[] = [];
const submitted: SubmitRequest[] = [];

beforeAll(async () => {
  store = await openStore();
  let n = 0;
  const running = await listen({
    store,
    auth: USERS,
    log: quiet,
    maxContentLength: 4096,
    maxUploadBytes: 2048,
    submit: async (request) => {
      submitted.push(request);
      return { reportId: `report-test-${++n}` };
    },
  });
  base = running.base;
  servers.push(running.server);
});

afterAll(async () => {
  for (const s of servers) await new Promise((resolve) => s.close(resolve));
  servers = [];
  await store.close();
});

async function taxii(path: string, init: RequestInit & { auth?: string | null } = {}) {
  const headers = new Headers(init.headers);
  if (!headers.has('accept')) headers.set('accept', TAXII_MEDIA_TYPE);
  if (init.auth !== null) headers.set('authorization', init.auth ?? ANALYST);
  const res = await fetch(new URL(path, base), { ...init, headers });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
  const body: any = text ? JSON.parse(text) : undefined;
  return { res, body, type: res.headers.get('content-type') };
}

/** A fresh collection per test, so each sees only its own objects. */
async function collection(canWrite = false): Promise<string> {
  const id = randomUUID();
  await store.putCollection({ id, title: `test ${id}`, canRead: true, canWrite });
  return id;
}

describe('TAXII 2.1 discovery and collections', () => {
  test('discovery names the API root by absolute URL', async () => {
    const { res, body, type } = await taxii('/taxii2/');
    expect(res.status).toBe(200);
    expect(type).toBe(TAXII_MEDIA_TYPE);
    expect(body).toMatchObject({ title: 'stixmill', default: `${base}/api/v21/`, api_roots: [`${base}/api/v21/`] });
  });

  test('the API root has title, versions and max_content_length', async () => {
    const { body, type } = await taxii('/api/v21/');
    expect(type).toBe(TAXII_MEDIA_TYPE);
    expect(body).toEqual(expect.objectContaining({ versions: [TAXII_MEDIA_TYPE], max_content_length: 4096 }));
  });

  test('the default collection comes first, by id or alias, read-only', async () => {
    const list = await taxii('/api/v21/collections/');
    expect(list.body.collections[0]).toMatchObject({
      id: DEFAULT_COLLECTION_ID,
      title: 'stixmill',
      alias: 'default',
      can_read: true,
      can_write: false,
    });
    const byAlias = await taxii('/api/v21/collections/default/');
    expect(byAlias.body.id).toBe(DEFAULT_COLLECTION_ID);
    expect(byAlias.body.media_types).toEqual(['application/stix+json;version=2.1']);
  });

  test('can_write is true only for a writer on a writable collection', async () => {
    const c = await collection(true);
    expect((await taxii(`/api/v21/collections/${c}/`)).body.can_write).toBe(true);
    expect((await taxii(`/api/v21/collections/${c}/`, { auth: basic('reader', 'read only') })).body.can_write).toBe(
      false,
    );
  });
});

describe('TAXII 2.1 objects', () => {
  let c: string;
  const objects = Array.from({ length: 25 }, (_, n) => indicator(n));

  beforeAll(async () => {
    c = await collection();
    for (const batch of [objects.slice(0, 8), objects.slice(8, 16), objects.slice(16)])
      await store.putObjects(c, batch);
  });

  test('pages with limit and next: every object once, in order, headers on every page', async () => {
    const seen: string[] = [];
    let next: string | undefined;
    let pages = 0;
    do {
      const query = new URLSearchParams({ limit: '10', ...(next ? { next } : {}) });
      const { res, body } = await taxii(`/api/v21/collections/${c}/objects/?${query}`);
      expect(res.status).toBe(200);
      const page = body.objects as StixObject[];
      seen.push(...page.map((o) => o.id));
      const manifest = await taxii(`/api/v21/collections/${c}/manifest/?${query}`);
      expect(res.headers.get('x-taxii-date-added-first')).toBe(manifest.body.objects[0].date_added);
      expect(res.headers.get('x-taxii-date-added-last')).toBe(manifest.body.objects.at(-1).date_added);
      expect(body.more).toBe(pages < 2);
      expect('next' in body).toBe(body.more);
      next = body.next;
      pages++;
    } while (next);
    expect(pages).toBe(3);
    expect(seen).toEqual(objects.map((o) => o.id));
  });

  test('added_after is strictly after, and next may come with it (as OpenCTI sends it)', async () => {
    const manifest = (await taxii(`/api/v21/collections/${c}/manifest/`)).body.objects as {
      id: string;
      date_added: string;
    }[];
    const cut = manifest[11]?.date_added ?? '';
    const first = await taxii(`/api/v21/collections/${c}/objects/?added_after=${cut}&limit=5`);
    expect(first.body.objects.map((o: StixObject) => o.id)).toEqual(objects.slice(12, 17).map((o) => o.id));
    const second = await taxii(`/api/v21/collections/${c}/objects/?added_after=${cut}&limit=5&next=${first.body.next}`);
    expect(second.body.objects.map((o: StixObject) => o.id)).toEqual(objects.slice(17, 22).map((o) => o.id));
  });

  test('an empty page carries no X-TAXII-Date-Added headers: there is no object to date', async () => {
    const last = '2999-01-01T00:00:00.000000Z';
    for (const path of ['objects', 'manifest']) {
      const { res, body } = await taxii(`/api/v21/collections/${c}/${path}/?added_after=${last}`);
      expect(body).toEqual({ more: false, objects: [] });
      expect(res.headers.get('x-taxii-date-added-first')).toBeNull();
      expect(res.headers.get('x-taxii-date-added-last')).toBeNull();
    }
  });

  test('a next token reused on another collection is a 400, not an empty page (OpenCTI reuses its last token)', async () => {
    const other = await collection();
    await store.putObjects(other, [indicator(900), indicator(901)]);
    const first = await taxii(`/api/v21/collections/${c}/objects/?limit=5`);
    expect(first.body.next).toBeDefined();
    const reused = await taxii(`/api/v21/collections/${other}/objects/?limit=5&next=${first.body.next}`);
    expect(reused.res.status).toBe(400);
    expect(reused.body.description).toMatch(/another request/);
    const otherFilter = await taxii(
      `/api/v21/collections/${c}/objects/?limit=5&match[type]=indicator&next=${first.body.next}`,
    );
    expect(otherFilter.res.status).toBe(400);
    const same = await taxii(`/api/v21/collections/${c}/objects/?limit=5&next=${first.body.next}`);
    expect(same.res.status).toBe(200);
    expect(same.body.objects).toHaveLength(5);
  });

  test('HEAD answers wherever GET does, with the same status and headers and no body', async () => {
    for (const path of [
      '/taxii2/',
      '/api/v21/',
      '/api/v21/collections/',
      `/api/v21/collections/${c}/`,
      `/api/v21/collections/${c}/objects/?limit=3`,
      `/api/v21/collections/${c}/manifest/?limit=3`,
      `/api/v21/collections/${c}/objects/${objects[1]?.id}/`,
      `/api/v21/collections/${c}/objects/${objects[1]?.id}/versions/`,
      '/api/reports',
    ]) {
      const get = await taxii(path);
      const head = await taxii(path, { method: 'HEAD' });
      expect(head.res.status, path).toBe(get.res.status);
      expect(head.res.headers.get('content-type'), path).toBe(get.res.headers.get('content-type'));
      expect(head.res.headers.get('content-length'), path).toBe(get.res.headers.get('content-length'));
      expect(head.res.headers.get('x-taxii-date-added-last'), path).toBe(
        get.res.headers.get('x-taxii-date-added-last'),
      );
      expect(head.body, path).toBeUndefined();
    }
  });

  test('match[id] and match[type] take comma-separated lists', async () => {
    const ids = [objects[3]?.id, objects[20]?.id].join(',');
    const byId = await taxii(`/api/v21/collections/${c}/objects/?match[id]=${ids}`);
    expect(byId.body.objects.map((o: StixObject) => o.id)).toEqual([objects[3]?.id, objects[20]?.id]);
    const byType = await taxii(`/api/v21/collections/${c}/objects/?match[type]=malware,tool`);
    expect(byType.body.objects).toEqual([]);
  });

  test('one object, its versions, and 404 for an unknown one', async () => {
    await store.putObjects(c, [{ ...indicator(0, '2025-06-01T00:00:00.000Z'), confidence: 90 }]);
    const id = objects[0]?.id ?? '';
    const one = await taxii(`/api/v21/collections/${c}/objects/${id}/`);
    expect(one.body.objects.map((o: StixObject) => o.modified)).toEqual(['2025-06-01T00:00:00.000Z']);
    const all = await taxii(`/api/v21/collections/${c}/objects/${id}/?match[version]=all`);
    expect(all.body.objects).toHaveLength(2);
    const versions = await taxii(`/api/v21/collections/${c}/objects/${id}/versions/`);
    expect(versions.body).toEqual({ more: false, versions: ['2025-02-21T10:00:00.000Z', '2025-06-01T00:00:00.000Z'] });
    const missing = await taxii(`/api/v21/collections/${c}/objects/indicator--99999999-0000-4000-8000-000000000000/`);
    expect(missing.res.status).toBe(404);
    expect(missing.type).toBe(TAXII_MEDIA_TYPE);
  });

  test('a limit past 1000 is served at 1000', async () => {
    const { res, body } = await taxii(`/api/v21/collections/${c}/objects/?limit=1000000000`);
    expect(res.status).toBe(200);
    expect(body.objects.length).toBeGreaterThan(0);
  });
});

describe('TAXII 2.1 errors: a TAXII error object with the TAXII media type', () => {
  test.each([
    { label: 'Accept application/json', path: '/api/v21/', headers: { accept: 'application/json' }, status: 406 },
    {
      label: 'Accept TAXII 2.0',
      path: '/taxii2/',
      headers: { accept: 'application/taxii+json;version=2.0' },
      status: 406,
    },
    { label: 'unknown collection', path: '/api/v21/collections/nope/objects/', headers: {}, status: 404 },
    { label: 'unknown path', path: '/api/v21/nothing/', headers: {}, status: 404 },
    { label: 'limit=0', path: '/api/v21/collections/default/objects/?limit=0', headers: {}, status: 400 },
    { label: 'limit=-1', path: '/api/v21/collections/default/objects/?limit=-1', headers: {}, status: 400 },
    { label: 'limit=ten', path: '/api/v21/collections/default/objects/?limit=ten', headers: {}, status: 400 },
    {
      label: 'added_after=yesterday',
      path: '/api/v21/collections/default/objects/?added_after=yesterday',
      headers: {},
      status: 400,
    },
    { label: 'next=garbage', path: '/api/v21/collections/default/manifest/?next=garbage', headers: {}, status: 400 },
    {
      label: 'match[version]=newest',
      path: '/api/v21/collections/default/objects/?match[version]=newest',
      headers: {},
      status: 400,
    },
    { label: 'unknown status', path: '/api/v21/status/abc/', headers: {}, status: 404 },
  ])('$label -> $status', async ({ path, headers, status }) => {
    const { res, body, type } = await taxii(path, { headers });
    expect(res.status).toBe(status);
    expect(type).toBe(TAXII_MEDIA_TYPE);
    expect(body).toMatchObject({
      title: expect.any(String),
      http_status: String(status),
      error_code: expect.any(String),
    });
  });

  test('wildcard Accept is answered with the TAXII type', async () => {
    const { res, type } = await taxii('/taxii2/', { headers: { accept: '*/*' } });
    expect(res.status).toBe(200);
    expect(type).toBe(TAXII_MEDIA_TYPE);
  });

  test('PUT is 405 with Allow', async () => {
    const { res, type } = await taxii('/api/v21/collections/', { method: 'PUT' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    expect(type).toBe(TAXII_MEDIA_TYPE);
  });
});

describe('TAXII 2.1 authentication', () => {
  test.each([
    { label: 'no credentials', auth: null },
    { label: 'a wrong password', auth: basic('analyst', 'wrong') },
    { label: 'an unknown token', auth: 'Bearer nope' },
  ])('$label -> 401 with a Basic challenge', async ({ auth }) => {
    const { res, type, body } = await taxii('/api/v21/collections/', { auth });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    expect(type).toBe(TAXII_MEDIA_TYPE);
    expect(body.title).toBe('Unauthorized');
  });

  test.each([
    { label: 'Bearer', auth: 'Bearer opencti-token' },
    { label: 'Token (taxii2-client TokenAuth)', auth: 'Token opencti-token' },
  ])('a token works as $label', async ({ auth }) => {
    expect((await taxii('/api/v21/collections/', { auth })).res.status).toBe(200);
  });
});

describe('TAXII 2.1 add, status and delete', () => {
  const envelope = (objects: unknown[]) => JSON.stringify({ objects });
  const post = (c: string, body: string, init: { type?: string; auth?: string } = {}) =>
    taxii(`/api/v21/collections/${c}/objects/`, {
      method: 'POST',
      body,
      headers: { 'content-type': init.type ?? TAXII_MEDIA_TYPE },
      ...(init.auth ? { auth: init.auth } : {}),
    });

  test('POST answers 202 with a complete status; the objects are then served', async () => {
    const c = await collection(true);
    const bad = { type: 'indicator', id: 'malware--10000000-0000-4000-8000-000000000001' };
    const bundle = { type: 'bundle', id: 'bundle--10000000-0000-4000-8000-000000000002', objects: [indicator(3)] };
    const posted = await post(c, envelope([indicator(1), indicator(2), bad, bundle]));
    expect(posted.res.status).toBe(202);
    expect(posted.type).toBe(TAXII_MEDIA_TYPE);
    expect(posted.body).toMatchObject({
      status: 'complete',
      total_count: 4,
      success_count: 2,
      failure_count: 2,
      pending_count: 0,
    });
    expect(posted.body.failures.map((f: { id: string }) => f.id)).toEqual([bad.id, bundle.id]);
    const status = await taxii(`/api/v21/status/${posted.body.id}/`);
    expect(status.body).toEqual(posted.body);
    const listed = await taxii(`/api/v21/collections/${c}/objects/`);
    expect(listed.body.objects.map((o: StixObject) => o.id)).toEqual([indicator(1).id, indicator(2).id]);

    const deleted = await taxii(`/api/v21/collections/${c}/objects/${indicator(1).id}/`, { method: 'DELETE' });
    expect(deleted.res.status).toBe(200);
    expect((await taxii(`/api/v21/collections/${c}/objects/${indicator(1).id}/`)).res.status).toBe(404);
  });

  test('an envelope filled to max_content_length with small objects is stored whole (MISP sizes its pushes by bytes)', async () => {
    const c = await collection(true);
    const small = (n: number) => ({
      type: 'ipv4-addr',
      spec_version: '2.1',
      id: `ipv4-addr--20000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      value: `10.0.${Math.floor(n / 250)}.${n % 250}`,
    });
    const objects = [];
    while (envelope([...objects, small(objects.length)]).length <= 4096) objects.push(small(objects.length));
    const posted = await post(c, envelope(objects));
    expect(posted.body).toMatchObject({ total_count: objects.length, success_count: objects.length, failure_count: 0 });
  });

  test("a producer's new modified is a new version, stored as sent; a contradicting same version is a failure", async () => {
    const c = await collection(true);
    const v1 = indicator(60);
    const v2 = indicator(60, '2025-03-01T00:00:00.000Z');
    expect((await post(c, envelope([v1]))).body.success_count).toBe(1);
    const second = await post(c, envelope([v2]));
    expect(second.body).toMatchObject({ success_count: 1, failure_count: 0 });
    const versions = await taxii(`/api/v21/collections/${c}/objects/${v1.id}/versions/`);
    expect(versions.body.versions).toEqual([v1.modified, v2.modified]);
    const clash = await post(c, envelope([{ ...v2, name: 'changed without a new modified' }]));
    expect(clash.body).toMatchObject({ success_count: 0, failure_count: 1 });
    expect(clash.body.failures[0]).toMatchObject({ id: v2.id, version: v2.modified });
    expect(clash.body.failures[0].message).toMatch(/needs a new modified/);
  });

  test('objects past the count limit are each a failure with the reason, the rest are stored', async () => {
    const limited = await listen({ store, auth: USERS, log: quiet, maxObjects: 3 });
    servers.push(limited.server);
    const c = await collection(true);
    const res = await fetch(`${limited.base}/api/v21/collections/${c}/objects/`, {
      method: 'POST',
      headers: { accept: TAXII_MEDIA_TYPE, 'content-type': TAXII_MEDIA_TYPE, authorization: ANALYST },
      body: envelope([1, 2, 3, 4, 5].map((n) => indicator(n))),
    });
    const body = (await res.json()) as { failures: { id: string; message: string }[] };
    expect(body).toMatchObject({ total_count: 5, success_count: 3, failure_count: 2 });
    expect(body.failures.map((f: { id: string }) => f.id)).toEqual([indicator(4).id, indicator(5).id]);
    expect(body.failures[0]?.message).toMatch(/at most 3 objects; post this one again/);
  });

  test.each([
    { label: 'application/json body', type: 'application/json', status: 415 },
    { label: 'body over max_content_length', body: 'x'.repeat(5000), status: 413 },
    { label: 'not JSON', body: '{', status: 400 },
    { label: 'not an envelope', body: '{"objects": 3}', status: 400 },
    { label: 'a read-only user', auth: basic('reader', 'read only'), status: 403 },
  ])('POST with $label -> $status', async ({ type, body, auth, status }) => {
    const c = await collection(true);
    const res = await post(c, body ?? envelope([indicator(1)]), {
      ...(type ? { type } : {}),
      ...(auth ? { auth } : {}),
    });
    expect(res.res.status).toBe(status);
    expect(res.type).toBe(TAXII_MEDIA_TYPE);
  });

  test('POST to a read-only collection is 403', async () => {
    expect((await post(DEFAULT_COLLECTION_ID, envelope([indicator(1)]))).res.status).toBe(403);
  });
});

describe('the TAXII stage', () => {
  test('stores a bundle object by object, never the bundle, and marks the report stored', async () => {
    const stage = createTaxiiStage({ store });
    const reportId = `report-${randomUUID()}`;
    const objects = [
      indicator(501),
      indicator(502),
      { type: 'domain-name', spec_version: '2.1', id: `domain-name--${randomUUID()}`, value: 'laptopfarm.example' },
    ];
    const payload = {
      meta: { source: 'https://www.justice.gov/opa/pr/example', contentType: 'text/html', sha256: 'a'.repeat(64) },
      bundle: { type: 'bundle', id: `bundle--${randomUUID()}`, objects },
      context: { tlp: 'clear', labels: [], rerun: false },
    } as Payload<'stix.bundles'>;
    const ctx = { reportId, log: quiet, signal: new AbortController().signal };
    await stage.handle(payload, ctx);
    await stage.handle(payload, ctx); // a redelivery adds nothing
    const { body } = await taxii(
      `/api/v21/collections/default/objects/?match[id]=${objects.map((o) => o.id).join(',')}`,
    );
    expect(body.objects.map((o: StixObject) => o.type).sort()).toEqual(['domain-name', 'indicator', 'indicator']);
    const all = await taxii('/api/v21/collections/default/objects/?limit=1000');
    expect(all.body.objects.some((o: StixObject) => o.type === 'bundle')).toBe(false);
    expect(await store.getReport(reportId)).toMatchObject({ stage: 'stored', counts: { objects: 3, objectsAdded: 0 } });
  });
});

describe('the report API', () => {
  async function api(path: string, init: RequestInit & { auth?: string | null } = {}) {
    const headers = new Headers(init.headers);
    if (init.auth !== null) headers.set('authorization', init.auth ?? ANALYST);
    const res = await fetch(new URL(path, base), { ...init, headers });
    // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
    const body: any = await res.json();
    return { res, body, type: res.headers.get('content-type') };
  }

  test('POST a URL: the pipeline gets it, the status link answers at once', async () => {
    const before = submitted.length;
    const { res, body } = await api('/api/reports', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'https://www.justice.gov/opa/pr/it-workers', tlp: 'green', labels: ['dprk'] }),
    });
    expect(res.status).toBe(202);
    expect(body).toEqual({ reportId: expect.stringMatching(/^report-test-/), status: `/api/reports/${body.reportId}` });
    expect(submitted[before]).toEqual({
      source: { kind: 'url', url: 'https://www.justice.gov/opa/pr/it-workers' },
      context: { tlp: 'green', labels: ['dprk'], submittedBy: 'analyst' },
    });
    const status = await api(body.status);
    expect(status.body).toMatchObject({
      id: body.reportId,
      stage: 'submitted',
      source: 'https://www.justice.gov/opa/pr/it-workers',
    });
    const recent = await api('/api/reports?limit=5');
    expect(recent.body.reports[0].id).toBe(body.reportId);
  });

  test('POST a document as it is, with its filename', async () => {
    const html = '<html><body><p>Laptop farm in Arizona.</p></body></html>';
    const { res, body } = await api('/api/reports?filename=advisory.html&label=dprk&label=laptop-farm', {
      method: 'POST',
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: html,
    });
    expect(res.status).toBe(202);
    expect(submitted.at(-1)).toEqual({
      source: {
        kind: 'inline',
        base64: Buffer.from(html).toString('base64'),
        contentType: 'text/html; charset=utf-8',
        filename: 'advisory.html',
      },
      context: { labels: ['dprk', 'laptop-farm'], submittedBy: 'analyst' },
    });
    expect((await api(body.status)).body.source).toBe('file:advisory.html');
  });

  test.each([
    {
      label: 'a URL with "rerun": true',
      path: '/api/reports',
      type: 'application/json',
      body: '{"url":"https://www.justice.gov/opa/pr/it-workers","rerun":true}',
    },
    { label: 'an upload with ?rerun=true', path: '/api/reports?rerun=true', type: 'text/plain', body: 'Laptop farm.' },
  ])('POST $label asks the pipeline for a re-run', async ({ path, type, body }) => {
    const { res } = await api(path, { method: 'POST', headers: { 'content-type': type }, body });
    expect(res.status).toBe(202);
    expect(submitted.at(-1)?.context).toMatchObject({ rerun: true });
  });

  test('an upload without ?rerun is no re-run; ?rerun=maybe is a 400', async () => {
    await api('/api/reports?rerun=false', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
    expect(submitted.at(-1)?.context.rerun).toBeUndefined();
    const { res } = await api('/api/reports?rerun=maybe', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'x',
    });
    expect(res.status).toBe(400);
  });

  test('a duplicate report says which report it duplicates', async () => {
    const reportId = `report-dup-${randomUUID()}`;
    await store.recordStage(reportId, 'submitted', { source: 'file:advisory.html' });
    await store.recordStage(reportId, 'duplicate', { duplicateOf: 'report-first-0001' });
    const { body } = await api(`/api/reports/${reportId}`);
    expect(body).toMatchObject({ id: reportId, stage: 'duplicate', duplicateOf: 'report-first-0001' });
  });

  test.each([
    { label: 'an image', type: 'image/png', body: 'x', status: 415 },
    { label: 'bad JSON', type: 'application/json', body: '{', status: 400 },
    { label: 'a ftp URL', type: 'application/json', body: '{"url":"ftp://example.com/x"}', status: 400 },
    { label: 'an unknown field', type: 'application/json', body: '{"url":"https://example.com","x":1}', status: 400 },
    { label: 'a bad TLP', type: 'application/json', body: '{"url":"https://example.com","tlp":"blue"}', status: 400 },
    { label: 'an upload over the limit', type: 'text/plain', body: 'x'.repeat(3000), status: 413 },
    { label: 'an empty upload', type: 'text/plain', body: '', status: 400 },
  ])('POST $label -> $status with a JSON error', async ({ type, body, status }) => {
    const res = await api('/api/reports', { method: 'POST', headers: { 'content-type': type }, body });
    expect(res.res.status).toBe(status);
    expect(res.type).toMatch(/^application\/json/);
    expect(res.body.error).toEqual({ code: expect.any(String), message: expect.any(String) });
  });

  test('a reader may look but not submit; nobody unknown may look', async () => {
    const reader = basic('reader', 'read only');
    expect((await api('/api/reports', { auth: reader })).res.status).toBe(200);
    const post = await api('/api/reports', {
      method: 'POST',
      auth: reader,
      headers: { 'content-type': 'application/json' },
      body: '{"url":"https://example.com"}',
    });
    expect(post.res.status).toBe(403);
    expect((await api('/api/reports', { auth: null })).res.status).toBe(401);
  });

  test('unknown report -> 404; health -> 200', async () => {
    expect((await api('/api/reports/report-nope')).res.status).toBe(404);
    expect((await api('/healthz', { auth: null })).body).toEqual({ status: 'ok' });
  });

  test('without a pipeline, POST is 501', async () => {
    const running = await listen({ store, log: quiet });
    servers.push(running.server);
    const res = await fetch(`${running.base}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"url":"https://example.com"}',
    });
    expect(res.status).toBe(501);
  });
});

describe('evidence on or off, by collection or by client', () => {
  const EVIDENCE_EXTENSION = 'extension-definition--0c27ed5c-8b5a-5395-91ec-34ba98f43e1f';
  const withEvidence = {
    ...indicator(700),
    x_stixmill_evidence: [{ sentence: 'The domain hosted the lure.', source: 'file:lure.txt', start: 0, end: 10 }],
    extensions: { [EVIDENCE_EXTENSION]: { extension_type: 'toplevel-property-extension' } },
  };

  test('a collection configured with evidence false is served without the property; another keeps it', async () => {
    const plainId = randomUUID();
    const fullId = randomUUID();
    const warnings: string[] = [];
    const log: Log = { ...quiet, warn: (_fields: unknown, message?: string) => void warnings.push(String(message)) };
    const app = await listen({
      store,
      log,
      collections: [
        { id: plainId, title: 'For OpenCTI', evidence: false },
        { id: fullId, title: 'feed.v2' },
      ],
    });
    servers.push(app.server);
    await fetch(`${app.base}/api/v21/collections/`, { headers: { accept: TAXII_MEDIA_TYPE } });
    await store.putObjects(plainId, [withEvidence]);
    await store.putObjects(fullId, [withEvidence]);
    const read = async (id: string) =>
      (await (
        await fetch(`${app.base}/api/v21/collections/${id}/objects/`, { headers: { accept: TAXII_MEDIA_TYPE } })
      ).json()) as {
        objects: StixObject[];
      };
    const [plain] = (await read(plainId)).objects;
    expect(plain?.x_stixmill_evidence).toBeUndefined();
    expect(plain?.extensions).toBeUndefined();
    expect(plain?.pattern).toBe(indicator(700).pattern);
    expect((await read(fullId)).objects[0]?.x_stixmill_evidence).toEqual(withEvidence.x_stixmill_evidence);
    // The dotted title is warned about at configuration (OpenCTI's connector splits on the dot).
    expect(warnings.some((w) => w.includes('feed.v2') && w.includes('OpenCTI'))).toBe(true);
  });

  test('a client configured with evidence false gets standard STIX from every collection', async () => {
    const c = await collection();
    await store.putObjects(c, [withEvidence]);
    const app = await listen({
      store,
      log: quiet,
      auth: {
        users: [
          { name: 'opencti', password: 'pw', evidence: false },
          { name: 'analyst', password: 'pw' },
        ],
      },
    });
    servers.push(app.server);
    const as = async (user: string) => {
      const res = await fetch(`${app.base}/api/v21/collections/${c}/objects/${withEvidence.id}/`, {
        headers: { accept: TAXII_MEDIA_TYPE, authorization: basic(user, 'pw') },
      });
      return ((await res.json()) as { objects: StixObject[] }).objects[0];
    };
    expect((await as('opencti'))?.x_stixmill_evidence).toBeUndefined();
    expect((await as('analyst'))?.x_stixmill_evidence).toBeDefined();
  });
});
