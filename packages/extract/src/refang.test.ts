import { describe, expect, test } from 'vitest';
import { originalSpan, refang, refangWithMap } from './refang.ts';

describe('refang', () => {
  test.each([
    { label: 'hxxps and [:]', input: 'hxxps[:]//evil[.]com/a', expected: 'https://evil.com/a' },
    { label: 'hxxp', input: 'hxxp://evil[.]com', expected: 'http://evil.com' },
    { label: 'hXXp', input: 'hXXp://x[.]io', expected: 'http://x.io' },
    { label: 'fxp', input: 'fxp://1.2.3[.]4/x', expected: 'ftp://1.2.3.4/x' },
    { label: '[://]', input: 'https[://]evil[.]com', expected: 'https://evil.com' },
    { label: '(.)', input: 'evil(.)com', expected: 'evil.com' },
    { label: '{.}', input: 'evil{.}com', expected: 'evil.com' },
    { label: '[dot]', input: 'evil[dot]com', expected: 'evil.com' },
    { label: '(dot)', input: 'evil(dot)com', expected: 'evil.com' },
    { label: ' [dot] with spaces', input: 'evil [dot] com', expected: 'evil.com' },
    { label: '[at]', input: 'joe[at]mail[.]ru', expected: 'joe@mail.ru' },
    { label: '(at)', input: 'joe(at)mail(.)ru', expected: 'joe@mail.ru' },
    { label: '[@]', input: 'joe[@]gmail[.]com', expected: 'joe@gmail.com' },
    { label: 'IPv4 with [.]', input: '172.86.80[.]145', expected: '172.86.80.145' },
    {
      label: 'plain text untouched',
      input: 'Version 1.2 (beta) [1] at noon.',
      expected: 'Version 1.2 (beta) [1] at noon.',
    },
  ])('$label', ({ input, expected }) => {
    expect(refang(input)).toBe(expected);
  });

  test('spans map back to the original text', () => {
    const original = 'go to hxxps[:]//a[.]com now';
    const r = refangWithMap(original);
    const at = r.text.indexOf('https://a.com');
    const span = originalSpan(r, at, at + 'https://a.com'.length);
    expect(original.slice(span.start, span.end)).toBe('hxxps[:]//a[.]com');
  });
});
