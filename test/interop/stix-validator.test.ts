import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FINDING_TYPES, FindingsExtractedV1 } from '@stixmill/contracts';
import { toBundle } from '@stixmill/exporter';
import { reviseBundle, type StixBundleLike, TLP_LEVELS } from '@stixmill/stix';
import { beforeAll, describe, expect, test } from 'vitest';
import { type Checked, checkBundles, KNOWN_WARNINGS, warningCodes } from './oasis-check.ts';

// Bundles built from every findings fixture, checked by the real OASIS tools: stix2-validator
// (schemas, MUST rules, best-practice checks, references enforced), stix2-patterns (every
// indicator pattern parses, and its literal unescapes to the SCO's value), and python-stix2
// (the bundle loads; built-in SCOs get the same deterministic id from stix2 as from us).

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'findings');

const fixtures = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .sort();
const payloads = new Map(
  fixtures.map((name) => [name, FindingsExtractedV1.parse(JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')))]),
);
const bundles = Object.fromEntries(
  [...payloads].map(([name, payload]) => [name, toBundle(payload, { now: new Date('2026-05-01T12:00:00.000Z') })]),
);

/**
 * An analyst's revision of the first fixture's bundle, as the review API makes one: its first
 * indicator and first named entity rejected, a domain and a tool added, a note by the analyst.
 */
const REVISED = 'revised by an analyst';
const revisedBundle = (() => {
  const base = bundles[fixtures[0] ?? ''] as unknown as StixBundleLike;
  const first = (types: string[]) => base.objects.find((o) => types.includes(o.type))?.id;
  return reviseBundle(base, {
    reject: [first(['indicator']), first(['malware', 'threat-actor', 'intrusion-set', 'tool', 'location'])].filter(
      (id): id is string => id !== undefined,
    ),
    add: [
      {
        type: 'domain-name',
        value: 'missed-by-extractor.example',
        sentence: 'It also used missed-by-extractor.example.',
      },
      { type: 'tool', value: 'Rclone' },
    ],
    analyst: 'Dana Reviewer',
    now: new Date('2026-05-02T08:00:00.000Z'),
  }).bundle;
})();

let results: Record<string, Checked>;

beforeAll(() => {
  results = checkBundles({ ...bundles, [REVISED]: revisedBundle });
});

describe("an analyst's revision of a bundle", () => {
  test('passes stix2-validator, parses with stix2, and its patterns with stix2-patterns', () => {
    const result = results[REVISED];
    expect(revisedBundle.objects.some((o) => o.type === 'note')).toBe(true);
    expect(result?.errors).toEqual([]);
    expect(result?.parse_error).toBeNull();
    expect(result?.pattern_errors).toEqual([]);
    for (const code of warningCodes(result?.warnings ?? [])) expect(KNOWN_WARNINGS).toContain(code);
  });
});

describe('fixtures cover what stixmill emits', () => {
  test('every TLP level, every observable type, wallets of several chains and all four hashes', () => {
    const all = [...payloads.values()];
    expect(new Set(all.map((p) => p.context.tlp))).toEqual(new Set(TLP_LEVELS));
    const types = new Set(all.flatMap((p) => p.findings.map((f) => f.type)));
    for (const type of FINDING_TYPES) expect(types, type).toContain(type);
    const chains = new Set(
      all.flatMap((p) =>
        p.findings.filter((f) => f.type === 'cryptocurrency-wallet').map((f) => f.props.chain?.toUpperCase()),
      ),
    );
    expect(chains.size).toBeGreaterThanOrEqual(4);
    const hashes = Object.values(bundles).flatMap((b) =>
      b.objects.flatMap((o) => (o.type === 'file' && o.hashes ? Object.keys(o.hashes) : [])),
    );
    expect(new Set(hashes)).toEqual(new Set(['MD5', 'SHA-1', 'SHA-256', 'SHA-512']));
    const patterns = Object.values(bundles).flatMap((b) =>
      b.objects.flatMap((o) => (o.type === 'indicator' ? [o.pattern] : [])),
    );
    expect(patterns.some((p) => p.includes("\\'") && p.includes('\\\\'))).toBe(true);
  });
});

describe.each(fixtures)('%s', (name) => {
  test('stix2-validator reports no errors', () => {
    expect(results[name]?.errors).toEqual([]);
  });
  test('every indicator pattern parses with stix2-patterns and matches its SCO value', () => {
    const result = results[name];
    expect(result?.patterns).toBeGreaterThan(0);
    expect(result?.pattern_errors).toEqual([]);
    expect(result?.literal_mismatches).toEqual([]);
  });
  test('stix2.parse(allow_custom=True) loads it, and stix2 derives the same SCO ids', () => {
    expect(results[name]?.parse_error).toBeNull();
    expect(results[name]?.id_mismatches).toEqual([]);
  });
  test('the only warnings left are the known, deliberate ones', () => {
    for (const code of warningCodes(results[name]?.warnings ?? [])) expect(KNOWN_WARNINGS).toContain(code);
  });
});
