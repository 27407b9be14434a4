import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Findings } from '@stixmill/contracts';
import { describe, expect, test } from 'vitest';
import { extract } from './extract.ts';
import { plainDocument } from './plain-document.ts';

// Documents written for this package (not the evaluation corpus) with what an analyst would
// list from each: a check that the rules generalise beyond the documents they were tuned on.
// Each `*.expected.json` names the findings and relations that must be found, values that must
// not be, and the known misses with the reason (asserted as still missed, so fixing one shows).

interface Expected {
  site?: string;
  findings: Array<{ type: string; value: string; aliases?: string[] }>;
  relations: Array<{ type: string; source: string; target: string }>;
  not: string[];
  knownMisses: Array<{ value: string; why: string }>;
}

const dir = join(import.meta.dirname, 'fixtures');
const cases = readdirSync(dir)
  .filter((f) => /\.(?:txt|md)$/.test(f))
  .map((file) => {
    const expected = JSON.parse(
      readFileSync(join(dir, file.replace(/\.(?:txt|md)$/, '.expected.json')), 'utf8'),
    ) as Expected;
    const doc = plainDocument(readFileSync(join(dir, file), 'utf8'), `file:${file}`);
    if (expected.site) doc.meta.site = expected.site;
    return { file, expected, found: extract(doc) };
  });

/** Every name a finding answers to, lower case: its value and its aliases. */
const names = (f: Findings['findings'][number]) => [f.value, ...f.aliases].map((n) => n.toLowerCase());

function has(found: Findings, type: string, value: string): boolean {
  return found.findings.some((f) => f.type === type && names(f).includes(value.toLowerCase()));
}

function stated(found: Findings): string[] {
  const byId = new Map(found.findings.map((f) => [f.id, f]));
  return found.relations.flatMap((r) => {
    const s = byId.get(r.source);
    const t = byId.get(r.target);
    if (!s || !t) return [];
    return names(s).flatMap((a) => names(t).map((b) => `${r.type} ${a} -> ${b}`));
  });
}

describe.each(cases)('$file', ({ expected, found }) => {
  const missed = new Set(expected.knownMisses.map((m) => m.value.toLowerCase()));
  const relations = stated(found);

  test.each(expected.findings.filter((f) => !missed.has(f.value.toLowerCase())))('finds $type $value', (f) => {
    expect(has(found, f.type, f.value)).toBe(true);
    const finding = found.findings.find((x) => x.type === f.type && names(x).includes(f.value.toLowerCase()));
    for (const a of f.aliases ?? []) expect(finding?.aliases.map((x) => x.toLowerCase())).toContain(a.toLowerCase());
  });

  test.each(
    expected.relations.map((r) => `${r.type} ${r.source} -> ${r.target}`.toLowerCase()).filter((r) => !missed.has(r)),
  )('states %s', (r) => {
    expect(relations).toContain(r);
  });

  test('finds none of the values that are not indicators or adversaries', () => {
    const all = found.findings.flatMap(names);
    for (const v of expected.not) expect(all).not.toContain(v.toLowerCase());
  });

  test('the known misses are still missed (fixing one should update the file)', () => {
    for (const m of expected.knownMisses) {
      const v = m.value.toLowerCase();
      const foundIt = found.findings.some((f) => names(f).includes(v)) || relations.includes(v);
      expect(foundIt, m.value).toBe(false);
    }
  });
});
