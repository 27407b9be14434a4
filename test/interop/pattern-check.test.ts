import { patternProblem } from '@stixmill/stix';
import { expect, test } from 'vitest';
import { NOT_PARSING, PARSING } from '../../packages/stix/src/fixtures/patterns.ts';
import { runPython } from './python.ts';

// The project's pattern checker against the reference: OASIS stix2-patterns must agree, pattern
// by pattern, on which parse. TAXII refuses posted indicators by this checker, so it must never
// refuse what the reference accepts.

const VALIDATE = `
import json, sys
from stix2patterns.validator import run_validator
out = []
for pattern in json.load(sys.stdin):
    try:
        out.append(not run_validator(pattern, stix_version="2.1"))
    except Exception:
        out.append(False)
print(json.dumps(out))
`;

test('stix2-patterns agrees with patternProblem on every fixture pattern', () => {
  const patterns = [...PARSING, ...NOT_PARSING.map((c) => c.pattern)];
  const result = runPython(VALIDATE, JSON.stringify(patterns));
  expect(result.status, result.stderr).toBe(0);
  const oasis = JSON.parse(result.stdout) as boolean[];
  const ours = patterns.map((p) => patternProblem(p) === undefined);
  const disagreements = patterns.filter((_, i) => oasis[i] !== ours[i]);
  expect(disagreements).toEqual([]);
  expect(ours.filter(Boolean)).toHaveLength(PARSING.length);
});
