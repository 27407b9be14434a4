import { describe, expect, test } from 'vitest';
import { toUri } from './observables.ts';

describe('toUri', () => {
  test.each([
    { label: 'a URL as it is', input: 'https://a.example/x?y=1#z', expected: 'https://a.example/x?y=1#z' },
    {
      label: 'a URL written without its scheme',
      input: 'github.com/alexkim-codes',
      expected: 'https://github.com/alexkim-codes',
    },
    { label: 'other schemes kept', input: 'ftp://files.example/a', expected: 'ftp://files.example/a' },
    {
      label: 'spaces and backslashes encoded',
      input: 'http://a.example/a b\\c',
      expected: 'http://a.example/a%20b%5Cc',
    },
    { label: 'non-ASCII encoded', input: 'http://a.example/é', expected: 'http://a.example/%C3%A9' },
  ])('$label', ({ input, expected }) => {
    expect(toUri(input)).toBe(expected);
  });
});
