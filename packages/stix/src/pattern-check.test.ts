import { describe, expect, test } from 'vitest';
import { NOT_PARSING, PARSING } from './fixtures/patterns.ts';
import { comparison, equalsPattern, objectPath, observation } from './pattern.ts';
import { patternProblem } from './pattern-check.ts';

describe('patternProblem', () => {
  test.each(PARSING)('parses %s', (pattern) => {
    expect(patternProblem(pattern)).toBeUndefined();
  });

  test("the patterns the project's builders make parse", () => {
    const built = [
      equalsPattern('url', ['value'], "https://evil.example/a'b\\c"),
      equalsPattern('file', ['hashes', 'SHA-256'], 'a'.repeat(64)),
      observation(
        [comparison(objectPath('network-traffic', 'dst_port'), '=', 443), "ipv4-addr:value = '1.2.3.4'"],
        'OR',
      ),
    ];
    for (const pattern of built) expect(patternProblem(pattern), pattern).toBeUndefined();
  });

  test.each(NOT_PARSING)('refuses $pattern', ({ pattern, problem }) => {
    expect(patternProblem(pattern)).toMatch(problem);
  });
});
