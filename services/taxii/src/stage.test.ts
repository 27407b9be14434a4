import { randomUUID } from 'node:crypto';
import type { Log, Payload } from '@stixmill/contracts';
import { TLP_MARKINGS } from '@stixmill/stix';
import { DEFAULT_COLLECTION_ID, openStore, type StixObject, type Store, TLP_COLLECTIONS } from '@stixmill/store';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTaxiiStage } from './stage.ts';
import { tlpOf } from './tlp.ts';

const quiet: Log = { debug() {}, info() {}, warn() {}, error() {} };

function domain(value: string, ...levels: (keyof typeof TLP_MARKINGS)[]): StixObject {
  return {
    type: 'domain-name',
    spec_version: '2.1',
    id: `domain-name--${randomUUID()}`,
    value,
    ...(levels.length ? { object_marking_refs: levels.map((l) => TLP_MARKINGS[l].id) } : {}),
  };
}

describe('tlpOf', () => {
  test.each([
    { label: 'its one marking', object: domain('a.example', 'amber'), expected: 'amber' },
    { label: 'the strictest of several', object: domain('b.example', 'green', 'red', 'clear'), expected: 'red' },
    { label: 'the report level when unmarked', object: domain('c.example'), expected: 'green' },
    {
      label: 'the report level when the only marking is not TLP',
      object: { ...domain('d.example'), object_marking_refs: [`marking-definition--${randomUUID()}`] },
      expected: 'green',
    },
  ])('$label', ({ object, expected }) => {
    expect(tlpOf(object, 'green')).toBe(expected);
  });
});

describe('the TAXII stage', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore();
  });
  afterAll(async () => {
    await store.close();
  });

  test('NUL in a bundle: dead-lettered at once with the reason, never retried', async () => {
    const stage = createTaxiiStage({ store });
    const payload = {
      meta: { source: 'https://example.org/nul', contentType: 'text/plain', sha256: 'b'.repeat(64) },
      bundle: { type: 'bundle', id: `bundle--${randomUUID()}`, objects: [domain('nul\u0000.example')] },
      context: { tlp: 'green', labels: [], rerun: false },
    } as Payload<'stix.bundles'>;
    const ctx = { reportId: `report-${randomUUID()}`, log: quiet, signal: new AbortController().signal };
    await expect(stage.handle(payload, ctx)).rejects.toMatchObject({ code: 'store_failed', retryable: false });
  });

  test('puts every object in the default collection and in the collection of its TLP level', async () => {
    const stage = createTaxiiStage({ store });
    const amber = domain('laptopfarm.example', 'amber');
    const red = domain('wallet-mixer.example', 'red');
    const unmarked = TLP_MARKINGS.amber as unknown as StixObject;
    const payload = {
      meta: { source: 'https://www.justice.gov/opa/pr/example', contentType: 'text/html', sha256: 'a'.repeat(64) },
      bundle: { type: 'bundle', id: `bundle--${randomUUID()}`, objects: [amber, red, unmarked] },
      context: { tlp: 'amber', labels: [], rerun: false },
    } as Payload<'stix.bundles'>;
    const reportId = `report-${randomUUID()}`;
    await stage.handle(payload, { reportId, log: quiet, signal: new AbortController().signal });

    const idsIn = async (collection: string) =>
      (await store.listObjects(collection, { limit: 100 })).items.map((i) => i.object.id);
    expect(await idsIn(DEFAULT_COLLECTION_ID)).toEqual([amber.id, red.id, unmarked.id]);
    expect(await idsIn(TLP_COLLECTIONS.amber.id)).toEqual([amber.id, unmarked.id]);
    expect(await idsIn(TLP_COLLECTIONS.red.id)).toEqual([red.id]);
    expect(await idsIn(TLP_COLLECTIONS.clear.id)).toEqual([]);
    expect((await store.getReport(reportId))?.stage).toBe('stored');
  });
});
