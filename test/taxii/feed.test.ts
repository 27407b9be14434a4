import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eventually, ROOT, type Running, runCli, startStixmill } from '../support/cli.ts';

// `stixmill run` as an operator starts it (users, an API key, a writer and a writable collection
// from the environment), fed the project's test documents, then probed the way TAXII 2.1 clients
// use it: media types, errors, paging, manifest, filters, auth, POST and status.

const TAXII = 'application/taxii+json;version=2.1';
const DEFAULT_ID = '9f3b6c1e-5a47-4c2d-8e0b-7d1f2a6c4e58';
const INBOX = 'b7f0e7a2-4c1d-4f6e-9a3b-2d5c8e1f0a47';
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const SOC = basic('soc', 'correct horse battery');
const READER = basic('reader', 'read only');
const DOCUMENTS = [
  { name: 'itw-advisory.html', type: 'text/html', tlp: 'clear' },
  { name: 'laptop-farm-notes.txt', type: 'text/plain', tlp: 'amber' },
  { name: 'npm-campaign.md', type: 'text/markdown', tlp: 'clear' },
];

// biome-ignore lint/suspicious/noExplicitAny: bodies are checked field by field
type Json = any;
interface Reply {
  status: number;
  type: string | null;
  headers: Headers;
  body: Json;
}

let stixmill: Running;
let base: string;

async function call(path: string, init: RequestInit & { auth?: string | null; accept?: string } = {}): Promise<Reply> {
  const headers = new Headers(init.headers);
  headers.set('accept', init.accept ?? TAXII);
  if (init.auth !== null) headers.set('authorization', init.auth ?? SOC);
  const res = await fetch(new URL(path, base), { ...init, headers });
  const text = await res.text();
  let body: Json;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: res.status, type: res.headers.get('content-type'), headers: res.headers, body };
}

/** A TAXII error object (§3.6.1) with the exact TAXII media type and the status given. */
function expectTaxiiError(reply: Reply, status: number) {
  expect(reply.status).toBe(status);
  expect(reply.type).toBe(TAXII);
  expect(reply.body).toMatchObject({ title: expect.any(String), http_status: String(status) });
}

async function submit(name: string, type: string, tlp: string, rerun = false): Promise<string> {
  const body = readFileSync(join(ROOT, 'test/fixtures/documents', name));
  const res = await fetch(new URL(`/api/reports?filename=${name}&tlp=${tlp}${rerun ? '&rerun=true' : ''}`, base), {
    method: 'POST',
    headers: { 'content-type': type, authorization: SOC },
    body,
  });
  expect(res.status).toBe(202);
  return ((await res.json()) as { reportId: string }).reportId;
}

async function stored(reportId: string): Promise<void> {
  await eventually(
    async () => {
      const res = await fetch(new URL(`/api/reports/${reportId}`, base), { headers: { authorization: SOC } });
      const report = (await res.json()) as { stage: string; error?: unknown };
      if (report.stage === 'failed') throw new Error(`report failed: ${JSON.stringify(report.error)}`);
      return report.stage === 'stored' ? true : undefined;
    },
    `report ${reportId} stored`,
    60_000,
  );
}

const objectsPath = (collection = DEFAULT_ID) => `/api/v21/collections/${collection}/objects/`;
const versionKey = (o: Json) => `${o.id}|${o.modified ?? o.created ?? ''}`;

beforeAll(async () => {
  stixmill = await startStixmill({
    STIXMILL_TAXII_USERS: 'soc:correct horse battery,reader:read only',
    STIXMILL_TAXII_TOKENS: 'opencti:tok-7f3a9c,analyst:tok-analyst-41d2',
    STIXMILL_TAXII_WRITERS: 'soc,analyst',
    // Paging with limit=1 takes a request per object: above the default burst (rate limiting
    // has its own tests in services/taxii).
    STIXMILL_RATE_LIMIT_BURST: '100000',
    STIXMILL_TAXII_COLLECTIONS: JSON.stringify([{ id: INBOX, alias: 'inbox', title: 'Inbox', write: ['soc'] }]),
  });
  base = stixmill.baseUrl;
  // One at a time, so the objects of each report are added at different times.
  for (const d of DOCUMENTS) await stored(await submit(d.name, d.type, d.tlp));
}, 180_000);

afterAll(async () => {
  await stixmill?.stop();
});

describe('stixmill run as a TAXII 2.1 server', () => {
  test('discovery and API root: exact media type, title, api_roots, versions, max_content_length', async () => {
    const discovery = await call('/taxii2/');
    expect(discovery.status).toBe(200);
    expect(discovery.type).toBe(TAXII);
    expect(discovery.body.api_roots).toEqual([`${base}/api/v21/`]);
    const root = await call(new URL(discovery.body.default).pathname);
    expect(root.type).toBe(TAXII);
    expect(root.body).toMatchObject({ title: 'stixmill', versions: [TAXII], max_content_length: 10 * 1024 * 1024 });
  });

  test('auth: 401 with a challenge without or with wrong credentials; an API key works', async () => {
    for (const auth of [null, basic('soc', 'wrong'), 'Bearer nope']) {
      const reply = await call('/api/v21/', { auth });
      expectTaxiiError(reply, 401);
      expect(reply.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    }
    expect((await call('/api/v21/', { auth: 'Bearer tok-7f3a9c' })).status).toBe(200);
  });

  test('content negotiation: a wrong Accept is 406, a wrong Content-Type 415', async () => {
    expectTaxiiError(await call('/api/v21/', { accept: 'application/json' }), 406);
    const post = await call(objectsPath(INBOX), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"objects":[]}',
    });
    expectTaxiiError(post, 415);
  });

  test('collections: the default, one per TLP level and the operator inbox; each by id', async () => {
    const { body, type } = await call('/api/v21/collections/');
    expect(type).toBe(TAXII);
    const collections = body.collections as Json[];
    for (const c of collections) expect(c).toMatchObject({ id: expect.any(String), title: expect.any(String) });
    expect(collections[0]).toMatchObject({ id: DEFAULT_ID, can_read: true, can_write: false });
    expect(collections.map((c) => c.alias)).toEqual(
      expect.arrayContaining(['default', 'inbox', 'tlp-clear', 'tlp-green', 'tlp-amber', 'tlp-red']),
    );
    expect(collections.find((c) => c.id === INBOX)).toMatchObject({ can_read: true, can_write: true });
    expect((await call(`/api/v21/collections/${DEFAULT_ID}/`)).body.id).toBe(DEFAULT_ID);
    expectTaxiiError(await call('/api/v21/collections/00000000-0000-4000-8000-000000000000/objects/'), 404);
  });

  test('objects: one by one, never a bundle, with X-TAXII-Date-Added-First/-Last', async () => {
    const { body, headers, type } = await call(`${objectsPath()}?limit=1000`);
    expect(type).toBe(TAXII);
    expect(body.objects.length).toBeGreaterThan(10);
    expect(body.objects.some((o: Json) => o.type === 'bundle')).toBe(false);
    expect(body.objects.some((o: Json) => o.type === 'report')).toBe(true);
    expect(headers.get('x-taxii-date-added-first')).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/);
    expect(headers.get('x-taxii-date-added-last')).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/);
  });

  test('paging: limit=1 with more/next visits every object once', async () => {
    const all = (await call(`${objectsPath()}?limit=1000`)).body.objects.map(versionKey);
    const seen: string[] = [];
    let next: string | undefined;
    do {
      const query = new URLSearchParams({ limit: '1', ...(next ? { next } : {}) });
      const page = await call(`${objectsPath()}?${query}`);
      expect(page.body.objects.length).toBeLessThanOrEqual(1);
      expect(page.headers.get('x-taxii-date-added-last')).toBeTruthy();
      seen.push(...page.body.objects.map(versionKey));
      next = page.body.more ? page.body.next : undefined;
      if (page.body.more) expect(next).toEqual(expect.any(String));
    } while (next && seen.length <= all.length);
    expect(seen).toEqual(all);
  });

  test('manifest and added_after: strictly after, on objects and on the manifest', async () => {
    const manifest = (await call(`/api/v21/collections/${DEFAULT_ID}/manifest/?limit=1000`)).body.objects as Json[];
    for (const m of manifest)
      expect(m).toMatchObject({
        id: expect.any(String),
        date_added: expect.any(String),
        version: expect.any(String),
        media_type: 'application/stix+json;version=2.1',
      });
    const dates = [...new Set(manifest.map((m) => m.date_added))].sort();
    expect(dates.length).toBeGreaterThan(1);
    const cut = dates[Math.floor(dates.length / 2)];
    const after = (await call(`/api/v21/collections/${DEFAULT_ID}/manifest/?added_after=${cut}&limit=1000`)).body
      .objects as Json[];
    expect(after.length).toBe(manifest.filter((m) => m.date_added > cut).length);
    expect(after.every((m) => m.date_added > cut)).toBe(true);
    const objects = (await call(`${objectsPath()}?added_after=${cut}&limit=1000`)).body.objects as Json[];
    expect(objects.map((o) => o.id)).toEqual(after.map((m) => m.id));
  });

  test('filters: match[type], match[id], an object by id and its versions', async () => {
    const first = (await call(`${objectsPath()}?limit=1`)).body.objects[0];
    const byType = (await call(`${objectsPath()}?match[type]=indicator&limit=1000`)).body.objects as Json[];
    expect(byType.length).toBeGreaterThan(0);
    expect(byType.every((o) => o.type === 'indicator')).toBe(true);
    const byId = (await call(`${objectsPath()}?match[id]=${first.id}`)).body.objects as Json[];
    expect(byId.map((o) => o.id)).toEqual([first.id]);
    const one = await call(`${objectsPath()}${first.id}/`);
    expect(one.status).toBe(200);
    expect(one.body.objects.map((o: Json) => o.id)).toEqual([first.id]);
    const versions = await call(`${objectsPath()}${first.id}/versions/`);
    expect(versions.status).toBe(200);
    expect(versions.body.versions).toHaveLength(1);
  });

  test('TLP: objects of the amber report are in the TLP:AMBER collection as well', async () => {
    const amber = (await call(`${objectsPath('tlp-amber')}?limit=1000`)).body.objects as Json[];
    expect(amber.length).toBeGreaterThan(0);
    const amberMarking = 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421';
    // Definitions carry no marking and travel with the report's objects.
    const marked = amber.filter((o) => o.object_marking_refs !== undefined);
    expect(marked.length).toBeGreaterThan(0);
    expect(marked.every((o) => (o.object_marking_refs ?? []).includes(amberMarking))).toBe(true);
    const clear = (await call(`${objectsPath('tlp-clear')}?limit=1000`)).body.objects as Json[];
    expect(clear.some((o) => (o.object_marking_refs ?? []).includes(amberMarking))).toBe(false);
  });

  test.each([
    { label: 'limit=-1', query: 'limit=-1', status: 400 },
    { label: 'limit=0', query: 'limit=0', status: 400 },
    { label: 'limit=abc', query: 'limit=abc', status: 400 },
    { label: 'added_after=yesterday', query: 'added_after=yesterday', status: 400 },
    { label: 'added_after=2025-13-01T00:00:00Z', query: 'added_after=2025-13-01T00:00:00Z', status: 400 },
    { label: 'next=garbage', query: 'next=garbage', status: 400 },
  ])('bad request $label: 400 with a TAXII error', async ({ query, status }) => {
    expectTaxiiError(await call(`${objectsPath()}?${query}`), status);
  });

  test('limit=10^9 is served at the maximum page size (1000)', async () => {
    const reply = await call(`${objectsPath()}?limit=1000000000`);
    expect(reply.status).toBe(200);
    expect(reply.type).toBe(TAXII);
    expect(reply.body.objects.length).toBeLessThanOrEqual(1000);
  });

  test('POST: 202 with a status that adds up and can be polled; 403 for a reader; 413 past max_content_length', async () => {
    const now = new Date().toISOString();
    const indicator = {
      type: 'indicator',
      spec_version: '2.1',
      id: `indicator--${randomUUID()}`,
      created: now,
      modified: now,
      pattern: "[domain-name:value = 'probe.example.invalid']",
      pattern_type: 'stix',
      valid_from: now,
    };
    const domain = {
      type: 'domain-name',
      spec_version: '2.1',
      id: `domain-name--${randomUUID()}`,
      value: 'probe.example.invalid',
    };
    const envelope = JSON.stringify({ objects: [indicator, domain] });
    const post = await call(objectsPath(INBOX), { method: 'POST', headers: { 'content-type': TAXII }, body: envelope });
    expect(post.status).toBe(202);
    expect(post.type).toBe(TAXII);
    expect(post.body).toMatchObject({
      status: 'complete',
      total_count: 2,
      success_count: 2,
      failure_count: 0,
      pending_count: 0,
    });
    const status = await call(`/api/v21/status/${post.body.id}/`);
    expect(status.status).toBe(200);
    const s = status.body;
    expect(s.success_count + s.failure_count + s.pending_count).toBe(s.total_count);
    const written = (await call(objectsPath('inbox'))).body.objects.map((o: Json) => o.id);
    expect(written).toEqual([indicator.id, domain.id]);

    const reader = await call(objectsPath(INBOX), {
      method: 'POST',
      auth: READER,
      headers: { 'content-type': TAXII },
      body: envelope,
    });
    expectTaxiiError(reader, 403);
    expectTaxiiError(
      await call(objectsPath(), { method: 'POST', headers: { 'content-type': TAXII }, body: envelope }),
      403,
    );

    const huge = Buffer.alloc(20 * 1024 * 1024, ' ');
    const tooLarge = await call(objectsPath(INBOX), { method: 'POST', headers: { 'content-type': TAXII }, body: huge });
    expectTaxiiError(tooLarge, 413);
  });

  test('re-ingesting a report adds no versions when its content is the same', async () => {
    const versionsOf = async () => {
      const all = (await call(`${objectsPath()}?limit=1000&match[version]=all`)).body.objects as Json[];
      const byId = new Map<string, Json[]>();
      for (const o of all) byId.set(o.id, [...(byId.get(o.id) ?? []), o]);
      return byId;
    };
    const before = await versionsOf();
    const doc = DOCUMENTS[2] ?? DOCUMENTS[0];
    if (!doc) throw new Error('no documents');
    // A re-run: without it the same document is only a duplicate of its first report (issue 7).
    await stored(await submit(doc.name, doc.type, doc.tlp, true));
    const after = await versionsOf();
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    // The same document again changes nothing but when it was seen (created, modified,
    // valid_from, published): no object gains a version.
    for (const [id, versions] of after) expect(versions.length, id).toBe(before.get(id)?.length);
  });

  test('the OpenAPI description is served', async () => {
    const res = await fetch(new URL('/api/openapi.json', base));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { openapi: string }).openapi).toBe('3.1.0');
  });

  test('stixmill submit: refused with a clear message without a key, carried through with STIXMILL_API_TOKEN', async () => {
    const file = join(ROOT, 'test/fixtures/documents/laptop-farm-notes.txt');
    const refused = await runCli(['submit', file, '--server', base], { env: { STIXMILL_API_TOKEN: '' } });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/STIXMILL_API_TOKEN/);
    // The file was ingested above: without --rerun it would be answered as a duplicate.
    const accepted = await runCli(['submit', file, '--server', base, '--rerun'], {
      env: { STIXMILL_API_TOKEN: 'tok-analyst-41d2' },
      timeoutMs: 90_000,
    });
    expect(accepted.stderr).toMatch(/\[6\/6\] stored/);
    expect(accepted.code).toBe(0);
  }, 120_000);
});
