import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { ROOT, runCli } from '../support/cli.ts';
import { type Checked, checkBundles, KNOWN_WARNINGS, warningCodes } from './oasis-check.ts';

// What users get: every bundle `stixmill extract` prints for the project's own test documents
// passes the OASIS tools with no errors.

const DOCUMENTS = join(ROOT, 'test/fixtures/documents');
const documents = readdirSync(DOCUMENTS).sort();
let results: Record<string, Checked>;

beforeAll(async () => {
  const bundles: Record<string, unknown> = {};
  for (const name of documents) {
    const run = await runCli(['extract', join(DOCUMENTS, name)]);
    if (run.code !== 0) throw new Error(`stixmill extract ${name} failed:\n${run.stderr}`);
    bundles[name] = JSON.parse(run.stdout);
  }
  results = checkBundles(bundles);
}, 180_000);

describe.each(documents)('stixmill extract %s', (name) => {
  test('passes stix2-validator with no errors and only the known warnings', () => {
    expect(results[name]?.errors).toEqual([]);
    for (const code of warningCodes(results[name]?.warnings ?? [])) expect(KNOWN_WARNINGS).toContain(code);
  });
  test('every pattern parses and matches its SCO; stix2 loads the bundle with the same SCO ids', () => {
    expect(results[name]?.patterns).toBeGreaterThan(0);
    expect(results[name]?.pattern_errors).toEqual([]);
    expect(results[name]?.literal_mismatches).toEqual([]);
    expect(results[name]?.parse_error).toBeNull();
    expect(results[name]?.id_mismatches).toEqual([]);
  });
});
