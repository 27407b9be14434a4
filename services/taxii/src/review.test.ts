import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Log, Payload, Tlp } from '@stixmill/contracts';
import { DEFAULT_COLLECTION_ID, openStore, type StixObject, type Store, TLP_COLLECTIONS } from '@stixmill/store';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHttpApp, createTaxiiStage, type HttpAppDeps, STIX_MEDIA_TYPE } from './index.ts';
import type { ReviewMode } from './stage.ts';

// The review gate, the per-report bundle and the live stream of reports, over real HTTP against
// the app on the embedded store.

const quiet: Log = { debug() {}, info() {}, warn() {}, error() {} };
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const ANALYST = basic('analyst', 'pw');
const READER = basic('reader', 'pw');

let store: Store;
let server: Server;
let base: string;

/** The app on the shared store with these users, on a free port. */
async function serve(users: NonNullable<NonNullable<HttpAppDeps['auth']>['users']>) {
  const app = createHttpApp({ store, log: quiet, rateLimit: false, auth: { users } });
  const listening = createServer((req, res) => void app(req, res));
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
  return { server: listening, base: `http://127.0.0.1:${(listening.address() as AddressInfo).port}` };
}

beforeAll(async () => {
  store = await openStore();
  ({ server, base } = await serve([
    { name: 'analyst', password: 'pw', write: true },
    { name: 'reader', password: 'pw' },
  ]));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await store.close();
});

const domain = (value: string): StixObject => ({
  type: 'domain-name',
  spec_version: '2.1',
  id: `domain-name--${randomUUID()}`,
  value,
});

const STAMP = '2026-01-10T09:00:00.000Z';
const SIGNED = { spec_version: '2.1', created: STAMP, modified: STAMP };
const malwareNamed = (name: string, confidence?: number) => ({
  ...SIGNED,
  type: 'malware',
  id: `malware--${randomUUID()}`,
  name,
  is_family: true,
  ...(confidence === undefined ? {} : { confidence }),
});
const reportOf = (refs: readonly { id: string }[]) => ({
  ...SIGNED,
  type: 'report',
  id: `report--${randomUUID()}`,
  name: 'Lures',
  published: STAMP,
  object_refs: refs.map((o) => o.id),
});

/** A bundle of these objects through the TAXII stage under a review mode, as a new report's. */
async function deliverObjects(objects: Array<{ type: string; id: string }>, review: ReviewMode): Promise<string> {
  const reportId = `report-${randomUUID()}`;
  await store.recordStage(reportId, 'submitted', { source: 'file:lures.txt', tlp: 'clear' });
  await createTaxiiStage({ store, review }).handle(
    {
      meta: { source: 'file:lures.txt', contentType: 'text/plain', sha256: 'e'.repeat(64) },
      bundle: { type: 'bundle', id: `bundle--${randomUUID()}`, objects },
      context: { tlp: 'clear', labels: [], rerun: false },
    } as Payload<'stix.bundles'>,
    { reportId, log: quiet, signal: new AbortController().signal },
  );
  return reportId;
}

/** A report through the TAXII stage, as the pipeline delivers it, under a review mode. */
async function deliver(review: 'auto' | 'review', tlp: Tlp = 'clear') {
  const reportId = `report-${randomUUID()}`;
  const objects = [domain(`front-${reportId.slice(-6)}.example`), domain(`farm-${reportId.slice(-6)}.example`)];
  const bundle = { type: 'bundle', id: `bundle--${randomUUID()}`, objects };
  await store.recordStage(reportId, 'submitted', { source: 'file:notice.txt', tlp });
  await createTaxiiStage({ store, review }).handle(
    {
      meta: { source: 'file:notice.txt', contentType: 'text/plain', sha256: 'b'.repeat(64) },
      bundle,
      context: { tlp, labels: [], rerun: false },
    } as Payload<'stix.bundles'>,
    { reportId, log: quiet, signal: new AbortController().signal },
  );
  return { reportId, objects, bundle };
}

async function call(path: string, init: RequestInit & { auth?: string } = {}) {
  const res = await fetch(new URL(path, base), {
    ...init,
    headers: { ...(init.headers as Record<string, string>), authorization: init.auth ?? ANALYST },
  });
  const text = await res.text();
  return { res, body: text ? JSON.parse(text) : undefined };
}

const inCollection = async (collection: string, ids: string[]) =>
  (await store.listObjects(collection, { limit: 100, ids })).items.map((i) => i.object.id).sort();

describe('the review gate', () => {
  test('review: nothing reaches the collections until an analyst publishes; then all of it, once', async () => {
    const { reportId, objects } = await deliver('review');
    const ids = objects.map((o) => o.id);
    expect(await inCollection(DEFAULT_COLLECTION_ID, ids)).toEqual([]);
    const held = await call(`/api/reports/${reportId}`);
    expect(held.body).toMatchObject({ stage: 'stored' });
    expect(held.body.published).toBeUndefined();

    expect((await call(`/api/reports/${reportId}/publish`, { method: 'POST', auth: READER })).res.status).toBe(403);
    const published = await call(`/api/reports/${reportId}/publish`, { method: 'POST' });
    expect(published.res.status).toBe(200);
    expect(published.body).toMatchObject({ objectsAdded: 2, published: { by: 'analyst' } });
    expect(await inCollection(DEFAULT_COLLECTION_ID, ids)).toEqual([...ids].sort());
    expect(await inCollection(TLP_COLLECTIONS.clear.id, ids)).toEqual([...ids].sort());
    const again = await call(`/api/reports/${reportId}/publish`, { method: 'POST' });
    expect(again.body).toMatchObject({ objectsAdded: 0, published: published.body.published });
  });

  test('auto: the pipeline publishes at once and says so', async () => {
    const { reportId, objects } = await deliver('auto');
    expect(await inCollection(DEFAULT_COLLECTION_ID, [objects[0]?.id ?? ''])).toHaveLength(1);
    expect((await call(`/api/reports/${reportId}`)).body.published).toMatchObject({ by: 'auto' });
  });

  test('publishing a report that has no bundle yet is a 409 that says where it is', async () => {
    const reportId = `report-${randomUUID()}`;
    await store.recordStage(reportId, 'submitted', { source: 'https://example.org/a', tlp: 'clear' });
    const { res, body } = await call(`/api/reports/${reportId}/publish`, { method: 'POST' });
    expect(res.status).toBe(409);
    expect(body.error.message).toMatch(/"submitted"/);
  });
});

describe("an analyst's review", () => {
  /** A bundle as the exporter makes one: its report, and what it refers to. */
  async function deliverReport(review: ReviewMode) {
    const tag = randomUUID().slice(-6);
    const domainA = domain(`keep-${tag}.example`);
    const domainB = domain(`drop-${tag}.example`);
    const malware = malwareNamed('Brassmoth');
    const report = reportOf([domainA, domainB, malware]);
    const reportId = await deliverObjects([report, domainA, domainB, malware], review);
    return { reportId, report, domainA, domainB, malware };
  }

  test('held: reject and add, then publish: the collections get exactly the revised report', async () => {
    const { reportId, report, domainA, domainB, malware } = await deliverReport('review');
    const reviewed = await call(`/api/reports/${reportId}/review`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reject: [domainB.id, malware.id], add: [{ type: 'tool', value: 'Rclone' }] }),
    });
    expect(reviewed.res.status).toBe(200);
    expect(reviewed.body).toMatchObject({
      rejected: [domainB.value, 'Brassmoth'],
      added: ['tool Rclone'],
      published: false,
    });
    await call(`/api/reports/${reportId}/publish`, { method: 'POST' });
    const served = (
      await store.listObjects(DEFAULT_COLLECTION_ID, {
        limit: 1000,
        ids: [report.id, domainA.id, domainB.id, malware.id],
      })
    ).items.map((i) => i.object);
    expect(served.map((o) => o.id).sort()).toEqual([report.id, domainA.id].sort());
    const revisedReport = served.find((o) => o.id === report.id);
    expect(revisedReport?.modified).not.toBe(report.modified);
    expect(revisedReport?.object_refs).not.toContain(malware.id);
    const tools = (await store.listObjects(DEFAULT_COLLECTION_ID, { limit: 1000, types: ['tool'] })).items;
    expect(tools.map((i) => i.object.name)).toContain('Rclone');
  });

  test('published: the review publishes new versions at once and revokes what was rejected', async () => {
    const { reportId, report, malware } = await deliverReport('auto');
    await call(`/api/reports/${reportId}/review`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reject: [malware.id] }),
    });
    const versions = (await store.listObjects(DEFAULT_COLLECTION_ID, { limit: 10, ids: [malware.id], versions: 'all' }))
      .items;
    expect(versions.map((i) => i.object.revoked ?? false)).toEqual([false, true]);
    const latest = (await store.listObjects(DEFAULT_COLLECTION_ID, { limit: 10, ids: [report.id] })).items[0]?.object;
    expect(latest?.object_refs).not.toContain(malware.id);
  });

  test('a reader may not review; a malformed review is a 400 that says why', async () => {
    const { reportId } = await deliverReport('review');
    const body = JSON.stringify({ reject: ['malware--00000000-0000-4000-8000-00000000dead'] });
    const headers = { 'content-type': 'application/json' };
    expect(
      (await call(`/api/reports/${reportId}/review`, { method: 'POST', headers, body, auth: READER })).res.status,
    ).toBe(403);
    const unknown = await call(`/api/reports/${reportId}/review`, { method: 'POST', headers, body });
    expect(unknown.res.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/no object/);
    const badType = await call(`/api/reports/${reportId}/review`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ add: [{ type: 'file', value: 'x' }] }),
    });
    expect(badType.res.status).toBe(400);
  });
});

describe('the threshold gate', () => {
  test('threshold:80 lets out findings at 80 or above with what they need; the rest and the report wait for publish', async () => {
    const tag = randomUUID().slice(-6);
    const sure = domain(`sure-${tag}.example`);
    const unsure = domain(`unsure-${tag}.example`);
    const indicator = (d: StixObject, confidence: number) => ({
      ...SIGNED,
      type: 'indicator',
      id: `indicator--${randomUUID()}`,
      pattern: `[domain-name:value = '${d.value}']`,
      pattern_type: 'stix',
      valid_from: STAMP,
      confidence,
    });
    const sureIndicator = indicator(sure, 90);
    const unsureIndicator = indicator(unsure, 60);
    const basedOn = (i: { id: string }, d: StixObject, confidence: number) => ({
      ...SIGNED,
      type: 'relationship',
      id: `relationship--${randomUUID()}`,
      relationship_type: 'based-on',
      source_ref: i.id,
      target_ref: d.id,
      confidence,
    });
    const malware = malwareNamed('Brassmoth', 85);
    const actor = {
      ...SIGNED,
      type: 'threat-actor',
      id: `threat-actor--${randomUUID()}`,
      name: 'Quill Spider',
      confidence: 70,
    };
    const uses = {
      ...SIGNED,
      type: 'relationship',
      id: `relationship--${randomUUID()}`,
      relationship_type: 'uses',
      source_ref: actor.id,
      target_ref: malware.id,
      confidence: 70,
    };
    const findings = [
      sure,
      unsure,
      sureIndicator,
      unsureIndicator,
      basedOn(sureIndicator, sure, 90),
      basedOn(unsureIndicator, unsure, 60),
      malware,
      actor,
      uses,
    ];
    const report = reportOf(findings);
    const reportId = await deliverObjects([report, ...findings], 'threshold:80');
    const all = [report, ...findings].map((o) => o.id);
    const early = [sure.id, sureIndicator.id, findings[4]?.id ?? '', malware.id].sort();
    expect(await inCollection(DEFAULT_COLLECTION_ID, all)).toEqual(early);
    expect((await call(`/api/reports/${reportId}`)).body.published).toBeUndefined();
    await call(`/api/reports/${reportId}/publish`, { method: 'POST' });
    expect(await inCollection(DEFAULT_COLLECTION_ID, all)).toEqual([...all].sort());
  });
});

describe('the reviewer right', () => {
  test('with reviewers named, a writer who is none may not publish or review; a reviewer who may not write may', async () => {
    const { reportId } = await deliver('review');
    const gated = await serve([
      { name: 'submitter', password: 'pw', write: true, review: false },
      { name: 'reviewer', password: 'pw', write: false, review: true },
    ]);
    try {
      const url = `${gated.base}/api/reports/${reportId}/publish`;
      const as = (user: string) => fetch(url, { method: 'POST', headers: { authorization: basic(user, 'pw') } });
      const refused = await as('submitter');
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
        /may not review or publish/,
      );
      const published = await as('reviewer');
      expect(published.status).toBe(200);
      expect(((await published.json()) as { published: { by: string } }).published.by).toBe('reviewer');
    } finally {
      await new Promise((resolve) => gated.server.close(resolve));
    }
  });
});

describe("a report's bundle", () => {
  test('downloads as a STIX 2.1 bundle file', async () => {
    const { reportId, bundle } = await deliver('review');
    const { res, body } = await call(`/api/reports/${reportId}/bundle`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(STIX_MEDIA_TYPE);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename=".+\.stix\.json"/);
    expect(body).toEqual(bundle);
  });

  test('is as absent as its report to a reader not cleared for it', async () => {
    const { reportId } = await deliver('review', 'red');
    // Cleared for everything on the main server (no read rules): there it is.
    expect((await call(`/api/reports/${reportId}/bundle`)).res.status).toBe(200);
    const app = createHttpApp({
      store,
      log: quiet,
      auth: { users: [{ name: 'green-reader', password: 'pw' }] },
      collections: [
        { alias: 'tlp-red', read: ['nobody'] },
        { alias: 'tlp-amber', read: ['nobody'] },
      ],
    });
    const limited = createServer((req, res) => void app(req, res));
    await new Promise<void>((resolve) => limited.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(limited.address() as AddressInfo).port}/api/reports/${reportId}/bundle`;
      const res = await fetch(url, { headers: { authorization: basic('green-reader', 'pw') } });
      expect(res.status).toBe(404);
    } finally {
      await new Promise((resolve) => limited.close(resolve));
    }
  });
});

describe('the live stream of reports', () => {
  test('a change reaches an open stream as a server-sent event, without the browser polling', async () => {
    const controller = new AbortController();
    const res = await fetch(`${base}/api/reports/events`, {
      headers: { authorization: ANALYST, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const reportId = `report-${randomUUID()}`;
    // After the stream is open: the poller's first look comes within a second.
    setTimeout(
      () => void store.recordStage(reportId, 'fetched', { source: 'https://example.org/b', tlp: 'clear' }),
      200,
    );
    let text = '';
    const deadline = Date.now() + 10_000;
    while (!text.includes(reportId) && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    const event = text.split('\n\n').find((e) => e.includes(reportId)) ?? '';
    expect(event.startsWith('event: report\ndata: ')).toBe(true);
    expect(JSON.parse(event.slice('event: report\ndata: '.length))).toMatchObject({ id: reportId, stage: 'fetched' });
  });
});
