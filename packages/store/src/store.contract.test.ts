import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TLP_LEVELS } from '@stixmill/contracts';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createSqlStore,
  DEFAULT_COLLECTION_ID,
  InvalidFilterError,
  isPermanentStoreError,
  MIGRATIONS,
  openPglite,
  openStore,
  type StixObject,
  type Store,
  type StoredObject,
  TLP_COLLECTIONS,
  toMicros,
  UnknownCollectionError,
} from './index.ts';

// One contract, two backends. The PostgreSQL run needs DATABASE_URL and is reported as skipped
// without it; it works in a fresh schema that it drops afterwards, so it can share a server.

interface Backend {
  name: string;
  enabled: boolean;
  open(): Promise<{ store: Store; cleanup(): Promise<void> }>;
}

const databaseUrl = process.env.DATABASE_URL;

const backends: Backend[] = [
  {
    name: 'pglite',
    enabled: true,
    async open() {
      const store = await openStore();
      return { store, cleanup: async () => undefined };
    },
  },
  {
    name: 'postgres',
    enabled: Boolean(databaseUrl),
    async open() {
      const url = new URL(databaseUrl ?? '');
      const schema = `stixmill_test_${randomUUID().replaceAll('-', '')}`;
      const admin = new pg.Client({ connectionString: url.toString() });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      url.searchParams.set('options', `-c search_path=${schema}`);
      const store = await openStore({ databaseUrl: url.toString() });
      return {
        store,
        async cleanup() {
          await admin.query(`DROP SCHEMA ${schema} CASCADE`);
          await admin.end();
        },
      };
    },
  },
];

/** A new `modified` alone is not a new version: pass `change` to make its content differ too. */
function indicator(n: number, modified = '2025-02-21T10:00:00.000Z', change: Record<string, unknown> = {}): StixObject {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    created: '2025-02-21T10:00:00.000Z',
    modified,
    pattern: `[domain-name:value = 'host${n}.example']`,
    pattern_type: 'stix',
    valid_from: '2025-02-21T10:00:00Z',
    ...change,
  };
}

const REVISED = { confidence: 85 };

function domain(name: string): StixObject {
  return { type: 'domain-name', spec_version: '2.1', id: `domain-name--${randomUUID()}`, value: name };
}

const ids = (items: StoredObject[]) => items.map((i) => i.object.id);

describe.each(backends)('Store contract: $name', (backend) => {
  let store: Store;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    if (!backend.enabled) return;
    ({ store, cleanup } = await backend.open());
  });
  afterAll(async () => {
    if (!backend.enabled) return;
    await store.close();
    await cleanup();
  });

  /** A fresh collection per test, so tests never see each other's objects. */
  async function collection(): Promise<string> {
    const id = randomUUID();
    await store.putCollection({ id, title: `test ${id}`, canRead: true, canWrite: true });
    return id;
  }

  const it = test.skipIf(!backend.enabled);

  it('migrates once: a second migrate() changes nothing and the default collection exists', async () => {
    await store.migrate();
    const all = await store.listCollections();
    expect(all.filter((c) => c.id === DEFAULT_COLLECTION_ID)).toHaveLength(1);
    expect(await store.getCollection('default')).toMatchObject({
      id: DEFAULT_COLLECTION_ID,
      title: 'stixmill',
      alias: 'default',
      canRead: true,
    });
    expect(await store.getCollection('nope')).toBeUndefined();
    for (const level of TLP_LEVELS) {
      const tlp = TLP_COLLECTIONS[level];
      expect(await store.getCollection(tlp.alias)).toMatchObject({ id: tlp.id, canRead: true, canWrite: false });
    }
  });

  it('a value the database refuses (a NUL in a string) is a permanent error, not an outage', async () => {
    const c = await collection();
    const error = await store.putObjects(c, [domain('nul\u0000.example')]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(isPermanentStoreError(error)).toBe(true);
    expect((await store.listObjects(c, { limit: 10 })).items).toEqual([]);
  });

  it('hiddenMarkings leaves out marked objects, in pages, manifests and single gets alike', async () => {
    const c = await collection();
    const RED = 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1';
    const GREEN = 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb';
    const red = { ...domain('red.example'), object_marking_refs: [GREEN, RED] };
    const green = { ...domain('green.example'), object_marking_refs: [GREEN] };
    const unmarked = domain('unmarked.example');
    await store.putObjects(c, [red, green, unmarked]);
    const hidden = { limit: 10, hiddenMarkings: [RED] };
    expect(ids((await store.listObjects(c, hidden)).items)).toEqual([green.id, unmarked.id]);
    expect(ids((await store.listObjects(c, { ...hidden, limit: 1 })).items)).toEqual([green.id]);
    expect(ids((await store.manifest(c, hidden)).items)).toEqual([green.id, unmarked.id]);
    expect((await store.getObject(c, red.id, hidden)).items).toEqual([]);
    expect((await store.listVersions(c, red.id, hidden)).items).toEqual([]);
    expect(ids((await store.listObjects(c, { limit: 10 })).items)).toEqual([red.id, green.id, unmarked.id]);
  });

  it('stores a version once; a newer modified is a new version', async () => {
    const c = await collection();
    const objects = [indicator(1), indicator(2), indicator(3)];
    expect(await store.putObjects(c, objects)).toEqual({ added: 3, duplicates: 0, unchanged: 0 });
    expect(await store.putObjects(c, objects)).toEqual({ added: 0, duplicates: 3, unchanged: 0 });
    expect(await store.putObjects(c, [indicator(1, '2025-03-01T00:00:00.000Z', REVISED)])).toEqual({
      added: 1,
      duplicates: 0,
      unchanged: 0,
    });

    const last = await store.listObjects(c, { limit: 10 });
    expect(ids(last.items).sort()).toEqual(objects.map((o) => o.id).sort());
    expect(last.items.find((i) => i.object.id === indicator(1).id)?.version).toBe('2025-03-01T00:00:00.000Z');

    const all = await store.listObjects(c, { limit: 10, versions: 'all' });
    expect(all.items).toHaveLength(4);
    const first = await store.listObjects(c, { limit: 10, versions: ['first'], ids: [indicator(1).id] });
    expect(first.items.map((i) => i.version)).toEqual(['2025-02-21T10:00:00.000Z']);
    const exact = await store.listObjects(c, { limit: 10, versions: ['2025-03-01T00:00:00Z'] });
    expect(ids(exact.items)).toEqual([indicator(1).id]);
  });

  it('stores nothing for a new modified with the same content; a changed one keeps the first created', async () => {
    const c = await collection();
    const v1 = indicator(5, '2025-02-21T10:00:00.000Z');
    await store.putObjects(c, [v1]);
    // The same report ingested again: new timestamps, same content (key order may differ).
    const { pattern, ...rest } = indicator(5, '2025-06-01T00:00:00.000Z');
    const again = { ...rest, created: '2025-06-01T00:00:00.000Z', pattern };
    expect(await store.putObjects(c, [again])).toEqual({ added: 0, duplicates: 0, unchanged: 1 });
    // A later sighting moves valid_from, not the content: still one version, the first valid_from kept.
    const seenLater = { ...indicator(5, '2025-06-02T00:00:00.000Z'), valid_from: '2025-06-02T00:00:00.000Z' };
    expect(await store.putObjects(c, [seenLater])).toEqual({ added: 0, duplicates: 0, unchanged: 1 });
    expect((await store.listVersions(c, v1.id, { limit: 10 })).items).toHaveLength(1);

    const changed = { ...indicator(5, '2025-07-01T00:00:00.000Z', REVISED), created: '2025-07-01T00:00:00.000Z' };
    expect(await store.putObjects(c, [changed])).toEqual({ added: 1, duplicates: 0, unchanged: 0 });
    const latest = (await store.getObject(c, v1.id, { limit: 10 })).items[0]?.object;
    expect(latest).toMatchObject({ created: v1.created, modified: '2025-07-01T00:00:00.000Z', confidence: 85 });
    // Compared with the latest version, not the first: going back to v1's content is a change.
    expect(await store.putObjects(c, [indicator(5, '2025-08-01T00:00:00.000Z')])).toMatchObject({ added: 1 });
    // Within one batch, a later copy is compared with the earlier one.
    const batch = [
      indicator(6),
      indicator(6, '2025-03-01T00:00:00.000Z'),
      indicator(6, '2025-04-01T00:00:00.000Z', REVISED),
    ];
    expect(await store.putObjects(c, batch)).toEqual({ added: 2, duplicates: 0, unchanged: 1 });
  });

  it('stores an object without modified or created once, with date_added as its version', async () => {
    const c = await collection();
    const sco = domain('laptop-farm.example');
    await store.putObjects(c, [sco]);
    expect(await store.putObjects(c, [sco, sco])).toEqual({ added: 0, duplicates: 2, unchanged: 0 });
    const page = await store.listObjects(c, { limit: 10 });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]?.version).toBe(page.items[0]?.dateAdded);
    expect(page.items[0]?.object).toEqual(sco);
  });

  it('hands out unique, strictly increasing date_added values, also to concurrent writers', async () => {
    const c = await collection();
    await Promise.all(
      Array.from({ length: 6 }, (_, batch) =>
        store.putObjects(
          c,
          Array.from({ length: 5 }, (_, n) => indicator(batch * 5 + n)),
        ),
      ),
    );
    const page = await store.listObjects(c, { limit: 100 });
    expect(page.items).toHaveLength(30);
    const stamps = page.items.map((i) => toMicros(i.dateAdded) ?? Number.NaN);
    for (let i = 1; i < stamps.length; i++)
      expect(stamps[i]).toBeGreaterThan(stamps[i - 1] ?? Number.POSITIVE_INFINITY);
    expect(page.items[0]?.dateAdded).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(page.firstAdded).toBe(page.items[0]?.dateAdded);
    expect(page.lastAdded).toBe(page.items.at(-1)?.dateAdded);
  });

  it('pages with limit and next without gaps or duplicates, and added_after is strictly after', async () => {
    const c = await collection();
    const objects = Array.from({ length: 23 }, (_, n) => indicator(n));
    for (const batch of [objects.slice(0, 10), objects.slice(10)]) await store.putObjects(c, batch);

    const seen: string[] = [];
    let next: string | undefined;
    let pages = 0;
    do {
      const page = await store.listObjects(c, { limit: 5, next });
      seen.push(...ids(page.items));
      expect(page.items.length).toBe(page.more ? 5 : 3);
      expect(page.next === undefined).toBe(!page.more);
      next = page.next;
      pages++;
    } while (next);
    expect(pages).toBe(5);
    expect(seen).toEqual(objects.map((o) => o.id));

    const all = (await store.listObjects(c, { limit: 100 })).items;
    const pivot = all[9]?.dateAdded ?? '';
    const after = await store.listObjects(c, { limit: 100, addedAfter: pivot });
    expect(ids(after.items)).toEqual(ids(all.slice(10)));

    // OpenCTI sends the original added_after together with next.
    const p1 = await store.listObjects(c, { limit: 4, addedAfter: pivot });
    const p2 = await store.listObjects(c, { limit: 4, addedAfter: pivot, next: p1.next });
    expect([...ids(p1.items), ...ids(p2.items)]).toEqual(ids(all.slice(10, 18)));
  });

  it('answers a next token sent with another collection or other filters with an error, not an empty page', async () => {
    const c = await collection();
    const other = await collection();
    await store.putObjects(
      c,
      Array.from({ length: 6 }, (_, n) => indicator(n)),
    );
    await store.putObjects(
      other,
      Array.from({ length: 6 }, (_, n) => indicator(n + 100)),
    );
    const first = await store.listObjects(c, { limit: 2, types: ['indicator'] });
    expect(first.next).toBeDefined();
    // The same request with its token continues; a changed limit is still the same request.
    const second = await store.listObjects(c, { limit: 3, types: ['indicator'], next: first.next });
    expect(second.items).toHaveLength(3);
    for (const wrong of [
      () => store.listObjects(other, { limit: 2, types: ['indicator'], next: first.next }),
      () => store.listObjects(c, { limit: 2, next: first.next }),
      () =>
        store.listObjects(c, { limit: 2, types: ['indicator'], addedAfter: '2020-01-01T00:00:00Z', next: first.next }),
    ]) {
      const error = await wrong().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidFilterError);
      expect((error as InvalidFilterError).field).toBe('next');
    }
  });

  it("stores a producer's versions as sent: a new modified alone is a version, created is kept, a contradiction is a conflict", async () => {
    const c = await collection();
    await store.putObjects(c, [indicator(40)], { asSent: true });
    // Only the timestamps changed: the pipeline would skip it, a producer's POST is stored.
    const touched = await store.putObjects(c, [indicator(40, '2025-03-01T00:00:00.000Z')], { asSent: true });
    expect(touched).toMatchObject({ added: 1, unchanged: 0 });
    // A later version with its own created is stored with it, not rewritten.
    const own = { ...indicator(40, '2025-04-01T00:00:00.000Z', REVISED), created: '2025-04-01T00:00:00.000Z' };
    await store.putObjects(c, [own], { asSent: true });
    const versions = await store.listObjects(c, { limit: 10, ids: [own.id], versions: 'all' });
    expect(versions.items.map((i) => i.object.created)).toEqual([
      '2025-02-21T10:00:00.000Z',
      '2025-02-21T10:00:00.000Z',
      '2025-04-01T00:00:00.000Z',
    ]);
    // The latest version sent again with other content under the same modified: not stored, reported.
    const clash = { ...own, confidence: 10 };
    expect(await store.putObjects(c, [clash], { asSent: true })).toMatchObject({ added: 0, conflicts: [own.id] });
    // The same version sent again unchanged is no conflict.
    expect((await store.putObjects(c, [own], { asSent: true })).conflicts).toBeUndefined();
  });

  it('filters by id, type and spec_version', async () => {
    const c = await collection();
    const d = domain('itworker.example');
    await store.putObjects(c, [indicator(1), indicator(2), d, { ...domain('old.example'), spec_version: '2.0' }]);
    expect(
      ids((await store.listObjects(c, { limit: 10, types: ['domain-name'], specVersions: ['2.1'] })).items),
    ).toEqual([d.id]);
    expect(ids((await store.listObjects(c, { limit: 10, ids: [indicator(2).id, d.id] })).items)).toEqual([
      indicator(2).id,
      d.id,
    ]);
    expect((await store.listObjects(c, { limit: 10, types: ['malware'] })).items).toEqual([]);
  });

  it('serves one object, its versions and the manifest', async () => {
    const c = await collection();
    await store.putObjects(c, [indicator(7), indicator(8)]);
    await store.putObjects(c, [indicator(7, '2025-04-01T00:00:00.000Z', REVISED)]);
    const one = await store.getObject(c, indicator(7).id, { limit: 10 });
    expect(one.items.map((i) => i.version)).toEqual(['2025-04-01T00:00:00.000Z']);
    const versions = await store.listVersions(c, indicator(7).id, { limit: 10 });
    expect(versions.items.map((i) => i.version)).toEqual(['2025-02-21T10:00:00.000Z', '2025-04-01T00:00:00.000Z']);
    const manifest = await store.manifest(c, { limit: 10 });
    expect(manifest.items.map((i) => [i.object.id, i.version])).toEqual([
      [indicator(8).id, '2025-02-21T10:00:00.000Z'],
      [indicator(7).id, '2025-04-01T00:00:00.000Z'],
    ]);
    expect(manifest.items[0]?.object.pattern).toBeUndefined();
    expect((await store.getObject(c, 'indicator--nope', { limit: 10 })).items).toEqual([]);
  });

  it('deletes the versions of an object that match', async () => {
    const c = await collection();
    await store.putObjects(c, [indicator(1), indicator(1, '2025-05-01T00:00:00.000Z', REVISED), indicator(2)]);
    expect(await store.deleteObject(c, indicator(1).id, { versions: 'first' })).toBe(1);
    expect((await store.listVersions(c, indicator(1).id, { limit: 10 })).items.map((i) => i.version)).toEqual([
      '2025-05-01T00:00:00.000Z',
    ]);
    expect(await store.deleteObject(c, indicator(1).id, {})).toBe(1);
    expect(ids((await store.listObjects(c, { limit: 10 })).items)).toEqual([indicator(2).id]);
  });

  it('keeps serving the newest version: after a late older version, and after deleting the newest', async () => {
    const c = await collection();
    await store.putObjects(c, [indicator(1, '2025-05-01T00:00:00.000Z', REVISED)]);
    // An older version arrives later: stored, but not the one served by default.
    await store.putObjects(c, [indicator(1, '2025-01-01T00:00:00.000Z')]);
    const served = async () => (await store.listObjects(c, { limit: 10 })).items.map((i) => i.version);
    expect(await served()).toEqual(['2025-05-01T00:00:00.000Z']);
    expect(await store.deleteObject(c, indicator(1).id, { versions: 'last' })).toBe(1);
    expect(await served()).toEqual(['2025-01-01T00:00:00.000Z']);
  });

  it.each([
    { label: 'bad added_after', filter: { limit: 5, addedAfter: 'yesterday' }, field: 'added_after' },
    { label: 'impossible date', filter: { limit: 5, addedAfter: '2025-02-31T00:00:00Z' }, field: 'added_after' },
    { label: 'bad next', filter: { limit: 5, next: 'garbage' }, field: 'next' },
    { label: 'bad version', filter: { limit: 5, versions: ['newest'] }, field: 'match[version]' },
    { label: 'zero limit', filter: { limit: 0 }, field: 'limit' },
  ])('rejects a filter: $label', async ({ filter, field }) => {
    const error = await store.listObjects(DEFAULT_COLLECTION_ID, filter).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidFilterError);
    expect((error as InvalidFilterError).field).toBe(field);
  });

  it('rejects an unknown collection', async () => {
    await expect(store.listObjects('no-such-collection', { limit: 5 })).rejects.toBeInstanceOf(UnknownCollectionError);
    await expect(store.putObjects('no-such-collection', [indicator(1)])).rejects.toBeInstanceOf(UnknownCollectionError);
  });

  it("keeps a report's TLP from the first stage that gives it, and lists by clearance", async () => {
    const amber = `report-${randomUUID()}`;
    const unknown = `report-${randomUUID()}`;
    await store.recordStage(amber, 'fetched', { tlp: 'amber' }); // the ledger may see a later stage first
    await store.recordStage(amber, 'submitted', { source: 'https://example.org/a', tlp: 'clear' });
    await store.recordStage(unknown, 'submitted', { source: 'https://example.org/b' });
    expect((await store.getReport(amber))?.tlp).toBe('amber');
    expect((await store.getReport(unknown))?.tlp).toBe('red');
    const listed = async (tlps: ('clear' | 'green' | 'amber' | 'red')[]) =>
      (await store.listReports({ limit: 500, tlps })).map((r) => r.id);
    expect(await listed(['clear', 'green', 'amber'])).toContain(amber);
    expect(await listed(['clear', 'green', 'amber'])).not.toContain(unknown);
    expect(await listed(['clear', 'green'])).not.toContain(amber);
    expect(await listed(['red'])).toContain(unknown);
  });

  it('moves a report forward only and records failures', async () => {
    const id = `report-${randomUUID()}`;
    await store.recordStage(id, 'submitted', { source: 'https://www.justice.gov/opa/pr/example' });
    await store.recordStage(id, 'fetched');
    await store.recordStage(id, 'exported', { counts: { objects: 12 } });
    await store.recordStage(id, 'parsed', { counts: { findings: 9 } }); // late: ignored, counts kept
    let report = await store.getReport(id);
    expect(report).toMatchObject({
      id,
      stage: 'exported',
      source: 'https://www.justice.gov/opa/pr/example',
      counts: { objects: 12, findings: 9 },
    });
    expect(Object.keys(report?.stages ?? {}).sort()).toEqual(['exported', 'fetched', 'parsed', 'submitted']);

    await store.recordStage(id, 'failed', { error: { code: 'store_failed', message: 'disk full', stage: 'taxii' } });
    report = await store.getReport(id);
    expect(report).toMatchObject({
      stage: 'failed',
      error: { code: 'store_failed', message: 'disk full', stage: 'taxii' },
    });
    await store.recordStage(id, 'extracted');
    expect((await store.getReport(id))?.stage).toBe('failed');
    // A replay from the dead-letter topic that completes clears the failure.
    await store.recordStage(id, 'stored');
    report = await store.getReport(id);
    expect(report?.stage).toBe('stored');
    expect(report?.error).toBeUndefined();
    await store.recordStage(id, 'failed', { error: { code: 'internal', message: 'late duplicate' } });
    expect((await store.getReport(id))?.stage).toBe('stored');
    expect(Date.parse(report?.updated ?? '')).toBeGreaterThanOrEqual(Date.parse(report?.created ?? ''));
    expect(await store.getReport('report-unknown')).toBeUndefined();
  });

  it('records a duplicate with the report it duplicates, and keeps it there', async () => {
    const first = `report-${randomUUID()}`;
    const id = `report-${randomUUID()}`;
    await store.recordStage(id, 'submitted', { source: 'file:advisory.html' });
    await store.recordStage(id, 'duplicate', { duplicateOf: first });
    const report = await store.getReport(id);
    expect(report).toMatchObject({ id, stage: 'duplicate', duplicateOf: first, source: 'file:advisory.html' });
    expect(report?.error).toBeUndefined();
    await store.recordStage(id, 'submitted'); // the API's own record, late: ignored
    await store.recordStage(id, 'failed', { error: { code: 'internal', message: 'late' } });
    expect(await store.getReport(id)).toMatchObject({ stage: 'duplicate', duplicateOf: first });
    // Other stages never carry it.
    const other = `report-${randomUUID()}`;
    await store.recordStage(other, 'fetched', { duplicateOf: first });
    expect((await store.getReport(other))?.duplicateOf).toBeUndefined();
  });

  it('lists the most recently updated reports first', async () => {
    const a = `report-a-${randomUUID()}`;
    const b = `report-b-${randomUUID()}`;
    await store.recordStage(a, 'submitted');
    await store.recordStage(b, 'submitted');
    await store.recordStage(a, 'fetched');
    const recent = await store.listReports({ limit: 2 });
    expect(recent.map((r) => r.id)).toEqual([a, b]);
  });

  it('keeps TAXII status resources', async () => {
    const status = {
      id: randomUUID(),
      status: 'complete' as const,
      requestTimestamp: '2025-02-21T10:00:00.000000Z',
      totalCount: 2,
      successCount: 1,
      failureCount: 1,
      pendingCount: 0,
      successes: [{ id: indicator(1).id, version: '2025-02-21T10:00:00.000Z' }],
      failures: [{ id: 'indicator--bad', message: 'no modified' }],
    };
    await store.putStatus(status);
    expect(await store.getStatus(status.id)).toEqual(status);
    expect(await store.getStatus(randomUUID())).toBeUndefined();
  });
});

describe('Store migrations', () => {
  test('a database at migration 1 upgrades: TLP collections appear and the newest versions are served', async () => {
    const db = await openPglite();
    await createSqlStore(db, { migrations: MIGRATIONS.slice(0, 1) }).migrate();
    const id = indicator(1).id;
    for (const [n, modified] of [
      [1, '2025-01-01T00:00:00.000Z'],
      [2, '2025-03-01T00:00:00.000Z'],
    ] as const) {
      await db.query(
        `INSERT INTO objects (collection_id, id, type, spec_version, version_us, versioned, date_added_us, object)
         VALUES ($1, $2, 'indicator', '2.1', $3, true, $4, $5)`,
        [DEFAULT_COLLECTION_ID, id, toMicros(modified), n, JSON.stringify(indicator(1, modified))],
      );
    }
    const store = createSqlStore(db);
    await store.migrate();
    await store.migrate();
    expect(await store.getCollection('tlp-red')).toMatchObject({ id: TLP_COLLECTIONS.red.id });
    const page = await store.listObjects(DEFAULT_COLLECTION_ID, { limit: 10 });
    expect(page.items.map((i) => i.version)).toEqual(['2025-03-01T00:00:00.000Z']);
    await store.close();
  });
});

describe('Store on disk (pglite)', () => {
  test('keeps objects and reports across a close and reopen', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stixmill-store-'));
    try {
      // A data directory that does not exist yet, parents included (a fresh STIXMILL_DATA_DIR).
      const first = await openStore({ dataDir: join(dir, 'data', 'db') });
      await first.putObjects(DEFAULT_COLLECTION_ID, [indicator(42)], { reportId: 'report-disk-1' });
      await first.recordStage('report-disk-1', 'stored', { counts: { objects: 1 } });
      await first.close();
      const second = await openStore({ dataDir: join(dir, 'data', 'db') });
      expect(ids((await second.listObjects(DEFAULT_COLLECTION_ID, { limit: 5 })).items)).toEqual([indicator(42).id]);
      expect((await second.getReport('report-disk-1'))?.stage).toBe('stored');
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
