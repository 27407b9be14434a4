import { describe, expect, test } from 'vitest';
import { originalSpan, refang, refangWithMap, wasDefanged } from './refang.ts';

describe('refang', () => {
  test.each([
    { label: 'hxxps and [:]', input: 'hxxps[:]//evil[.]com/a', expected: 'https://evil.com/a' },
    { label: 'hxxp', input: 'hxxp://evil[.]com', expected: 'http://evil.com' },
    { label: 'hXXp', input: 'hXXp://x[.]io', expected: 'http://x.io' },
    { label: 'mixed-case hXxPs', input: 'hXxPs://x[.]io', expected: 'https://x.io' },
    { label: 'h**p', input: 'h**p://drop[.]site/a', expected: 'http://drop.site/a' },
    { label: 'h**ps', input: 'h**ps://drop[.]site/a', expected: 'https://drop.site/a' },
    { label: 'h__p', input: 'h__p://drop[.]site/a', expected: 'http://drop.site/a' },
    { label: 'hxtp', input: 'hxtps://drop[.]site/a', expected: 'https://drop.site/a' },
    { label: 'htxp', input: 'htxp://drop[.]site/a', expected: 'http://drop.site/a' },
    { label: 'http[:]//', input: 'http[:]//drop.site/a', expected: 'http://drop.site/a' },
    { label: 'fxp', input: 'fxp://1.2.3[.]4/x', expected: 'ftp://1.2.3.4/x' },
    { label: 'fxxp', input: 'fxxp[:]//files[.]drop.site', expected: 'ftp://files.drop.site' },
    { label: '[://]', input: 'https[://]evil[.]com', expected: 'https://evil.com' },
    { label: '(://)', input: 'hxxps(://)evil[.]com', expected: 'https://evil.com' },
    { label: '{://}', input: 'hxxps{://}evil[.]com', expected: 'https://evil.com' },
    { label: '(:)//', input: 'hxxp(:)//evil[.]com', expected: 'http://evil.com' },
    { label: '[:/]/', input: 'hxxp[:/]/evil[.]com', expected: 'http://evil.com' },
    { label: ':[//]', input: 'hxxp:[//]evil[.]com', expected: 'http://evil.com' },
    { label: ':[/]/', input: 'hxxp:[/]/evil[.]com', expected: 'http://evil.com' },
    { label: '(.)', input: 'evil(.)com', expected: 'evil.com' },
    { label: '{.}', input: 'evil{.}com', expected: 'evil.com' },
    { label: '[dot]', input: 'evil[dot]com', expected: 'evil.com' },
    { label: '[DOT]', input: 'evil[DOT]com', expected: 'evil.com' },
    { label: '(dot)', input: 'evil(dot)com', expected: 'evil.com' },
    { label: '{dot}', input: 'evil{dot}com', expected: 'evil.com' },
    { label: ' [dot] with spaces', input: 'evil [dot] com', expected: 'evil.com' },
    { label: ' [.] with spaces', input: 'evil [.] com', expected: 'evil.com' },
    { label: 'regex-escaped \\.', input: 'host ^evil\\.example\\.net$ seen', expected: 'host ^evil.example.net$ seen' },
    { label: '[at]', input: 'joe[at]mail[.]ru', expected: 'joe@mail.ru' },
    { label: '[AT]', input: 'joe[AT]mail[.]ru', expected: 'joe@mail.ru' },
    { label: '(at)', input: 'joe(at)mail(.)ru', expected: 'joe@mail.ru' },
    { label: '{at}', input: 'joe{at}mail{.}ru', expected: 'joe@mail.ru' },
    { label: '[@]', input: 'joe[@]gmail[.]com', expected: 'joe@gmail.com' },
    { label: '(@)', input: 'joe(@)gmail[.]com', expected: 'joe@gmail.com' },
    { label: ' [at] with spaces', input: 'joe [at] mail [dot] ru', expected: 'joe@mail.ru' },
    { label: 'half bracket [.', input: '79.141.169[.3 and evil[.net', expected: '79.141.169.3 and evil.net' },
    {
      label: 'half bracket .]',
      input: '106.]14.47.210 and a.duckdns.]org',
      expected: '106.14.47.210 and a.duckdns.org',
    },
    { label: 'IPv4 with [.]', input: '172.86.80[.]145', expected: '172.86.80.145' },
    {
      label: 'plain text untouched',
      input: 'Version 1.2 (beta) [1] at noon.',
      expected: 'Version 1.2 (beta) [1] at noon.',
    },
    {
      label: 'a Windows dot-file path keeps its backslash',
      input: 'C:\\Users\\x\\.ssh',
      expected: 'C:\\Users\\x\\.ssh',
    },
    {
      label: 'a device path keeps its backslashes',
      input: '\\\\.\\pipe\\msagent_1',
      expected: '\\\\.\\pipe\\msagent_1',
    },
    { label: 'a dot-file after a path keeps \\.', input: 'dir\\sub\\.config', expected: 'dir\\sub\\.config' },
    { label: '"(at)" with no word after it stays', input: 'meet us (at).', expected: 'meet us (at).' },
    { label: 'h**p with no colon stays', input: 'the h**p word', expected: 'the h**p word' },
    { label: 'h__p inside an identifier stays', input: 'my_h__p_var = 1', expected: 'my_h__p_var = 1' },
    { label: '[. after a space stays', input: 'see [.NET] docs', expected: 'see [.NET] docs' },
    {
      label: '.] before a bracket or paren stays',
      input: '[the end.](x) and [v1.]',
      expected: '[the end.](x) and [v1.]',
    },
    { label: '(:) without slashes stays', input: 'a smiley (:) here', expected: 'a smiley (:) here' },
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

  // Each row: a defanged value inside a sentence, its refanged form, and the original it must map back to.
  test.each([
    { original: 'see h**ps://drop[.]site/x now', refanged: 'https://drop.site/x', written: 'h**ps://drop[.]site/x' },
    { original: 'see h__p[://]drop(.)site now', refanged: 'http://drop.site', written: 'h__p[://]drop(.)site' },
    { original: 'see fxxp[:]//1.2.3{.}4 now', refanged: 'ftp://1.2.3.4', written: 'fxxp[:]//1.2.3{.}4' },
    { original: 'host evil\\.example\\.net ok', refanged: 'evil.example.net', written: 'evil\\.example\\.net' },
    { original: 'mail joe [at] mail [dot] ru ok', refanged: 'joe@mail.ru', written: 'joe [at] mail [dot] ru' },
    { original: 'ip 10.1.2[.3 ok', refanged: '10.1.2.3', written: '10.1.2[.3' },
    { original: 'c2 a.duckdns.]org ok', refanged: 'a.duckdns.org', written: 'a.duckdns.]org' },
    { original: 'ip 10.1.2[.]3 ok', refanged: '10.1.2.3', written: '10.1.2[.]3' },
    { original: 'x hxxp(:)//a{dot}b.com/p y', refanged: 'http://a.b.com/p', written: 'hxxp(:)//a{dot}b.com/p' },
  ])('span of $refanged maps back to $written', ({ original, refanged, written }) => {
    const r = refangWithMap(original);
    const at = r.text.indexOf(refanged);
    expect(at).toBeGreaterThanOrEqual(0);
    const span = originalSpan(r, at, at + refanged.length);
    expect(original.slice(span.start, span.end)).toBe(written);
    // Every single character maps inside the written value, in order.
    for (let i = at; i < at + refanged.length - 1; i++)
      expect(r.starts[i + 1]).toBeGreaterThanOrEqual(r.starts[i] ?? 0);
  });

  test('wasDefanged tells a defanged span from one written as is', () => {
    const r = refangWithMap('a invoice[.]zip b readme.md c');
    const at = (s: string) => [r.text.indexOf(s), r.text.indexOf(s) + s.length] as const;
    expect(wasDefanged(r, ...at('invoice.zip'))).toBe(true);
    expect(wasDefanged(r, ...at('readme.md'))).toBe(false);
    expect(wasDefanged(r, ...at('invoice'))).toBe(false);
  });

  test('a long chain of escaped dots stays linear and correct', () => {
    const chain = `${'a\\.'.repeat(50_000)}com`;
    const t0 = performance.now();
    const out = refang(chain);
    expect(performance.now() - t0).toBeLessThan(500);
    expect(out).toBe(`${'a.'.repeat(50_000)}com`);
    const path = `C:\\${'a\\.'.repeat(50_000)}b`;
    expect(refang(path)).toBe(path);
  });
});
