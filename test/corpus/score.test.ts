import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';

// The project's own generalisation check: documents written for stixmill (not the tuning
// corpus) go through the real CLI (fetcher, parser, extractor, exporter) and the bundle is held
// to each document's answer key: no trap value may appear, and recall must stay at the floor
// measured when the key was written.

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const dir = join(root, 'test', 'fixtures', 'corpus');
const cli = join(root, 'packages', 'cli', 'src', 'main.ts');

/** Measured when the keys were written: every observable is found. */
const OBSERVABLE_RECALL_FLOOR = 1;
/** Entity recall per document as measured (rounded down); a drop below it is a regression. */
const ENTITY_RECALL_FLOOR: Record<string, number> = {
  't-advisory-contagious-interview.txt': 0.94,
  't-doj-pr-massachusetts-hopana-tech.html': 0.95,
  't-investigator-thread-fake-recruiter-ginco.txt': 1,
  't-ofac-sanctions-notice-andariel-it.txt': 1,
  't-vendor-blog-tradertraitor-supply-chain.md': 0.93,
};

interface Truth {
  observables: Array<{ type: string; value: string }>;
  entities: Array<{ type: string; name: string; aliases?: string[] }>;
  must_not: Array<{ value: string; why: string }>;
}

interface StixObject {
  type: string;
  [key: string]: unknown;
}

const OBSERVABLE_TYPES = new Set([
  'domain-name',
  'url',
  'ipv4-addr',
  'ipv6-addr',
  'email-addr',
  'file',
  'cryptocurrency-wallet',
  'user-account',
  'phone-number',
  'vulnerability',
  'autonomous-system',
]);
const ENTITY_TYPES = new Set([
  'intrusion-set',
  'threat-actor',
  'malware',
  'tool',
  'attack-pattern',
  'campaign',
  'identity',
  'location',
  'infrastructure',
]);

const norm = (s: string) => s.toLowerCase().replace(/^[a-z]+:\/\//, '');
const nameKey = (s: string) => s.toLowerCase().replace(/[\s\p{P}]/gu, '');
const digits = (s: string) => s.replace(/[^\d+]/g, '');

/** Every value an observable object carries, whatever property the exporter put it in. */
function observableValues(o: StixObject): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(o)) {
    if (k === 'id' || k === 'type' || k === 'spec_version' || k.endsWith('_refs') || k.endsWith('_type')) continue;
    if (typeof v === 'string' || typeof v === 'number') out.push(String(v));
    else if (k === 'hashes' && v && typeof v === 'object') out.push(...Object.values(v as Record<string, string>));
  }
  return out;
}

function entityNames(o: StixObject): string[] {
  const names = [o.name, ...((o.aliases as unknown[] | undefined) ?? [])];
  return names.filter((n): n is string => typeof n === 'string');
}

/** The entity type the key uses: the answer key treats intrusion sets and threat actors as one. */
const entityKind = (t: string) => (t === 'threat-actor' ? 'intrusion-set' : t);

const documents = readdirSync(dir).filter((f) => !f.endsWith('.truth.json'));

describe.each(documents)('%s through the real pipeline', (file) => {
  test('no trap, observable recall at its floor', { timeout: 30_000 }, async () => {
    const truth = JSON.parse(readFileSync(join(dir, file.replace(/\.[^.]+$/, '.truth.json')), 'utf8')) as Truth;
    const { stdout } = await run(process.execPath, [cli, 'extract', join(dir, file)], { cwd: root });
    const objects = (JSON.parse(stdout) as { objects: StixObject[] }).objects;
    const observed = objects.filter((o) => OBSERVABLE_TYPES.has(o.type)).flatMap(observableValues);
    const entities = objects.filter((o) => ENTITY_TYPES.has(o.type));
    const emitted = new Set(observed.map(norm));
    const emittedDigits = new Set(observed.map(digits).filter((d) => d.length >= 7));
    const names = new Set(entities.flatMap(entityNames).map(nameKey));

    const traps = truth.must_not
      .map((t) => t.value)
      .filter((v) => emitted.has(norm(v)) || emittedDigits.has(digits(v)) || names.has(nameKey(v)));
    expect(traps).toEqual([]);

    const missed = truth.observables.filter((o) => !emitted.has(norm(o.value))).map((o) => `${o.type}|${o.value}`);
    const recall = truth.observables.length === 0 ? 1 : 1 - missed.length / truth.observables.length;
    expect(recall, `missed: ${missed.join(', ')}`).toBeGreaterThanOrEqual(OBSERVABLE_RECALL_FLOOR);

    const found = truth.entities.filter((t) =>
      entities.some(
        (e) =>
          entityKind(e.type) === entityKind(t.type) &&
          entityNames(e).some((n) => [t.name, ...(t.aliases ?? [])].some((m) => nameKey(m) === nameKey(n))),
      ),
    );
    const entityRecall = truth.entities.length === 0 ? 1 : found.length / truth.entities.length;
    expect(entityRecall).toBeGreaterThanOrEqual(ENTITY_RECALL_FLOOR[file] ?? 1);
  });
});
