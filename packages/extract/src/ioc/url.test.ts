import { describe, expect, test } from 'vitest';
import { refangWithMap } from '../refang.ts';
import { findUrls, trimUrl } from './url.ts';

const urls = (text: string) => findUrls(text).map((u) => u.value);

describe('findUrls: schemes and hosts', () => {
  test.each([
    { text: 'get https://drop-zone.net/a.bin now', want: 'https://drop-zone.net/a.bin', host: 'drop-zone.net' },
    { text: 'ftp://files.drop-zone.net/pub/x', want: 'ftp://files.drop-zone.net/pub/x', host: 'files.drop-zone.net' },
    { text: 'ftps://files.drop-zone.net/x', want: 'ftps://files.drop-zone.net/x', host: 'files.drop-zone.net' },
    { text: 'sftp://45.77.1.20/up', want: 'sftp://45.77.1.20/up', host: '45.77.1.20' },
    { text: 'ws://45.77.1.20:8080/sock', want: 'ws://45.77.1.20:8080/sock', host: '45.77.1.20' },
    { text: 'wss://relay.drop-zone.net/s', want: 'wss://relay.drop-zone.net/s', host: 'relay.drop-zone.net' },
    { text: 'smb://fs.drop-zone.net/share', want: 'smb://fs.drop-zone.net/share', host: 'fs.drop-zone.net' },
    { text: 'open file://45.77.1.20/share/a.lnk', want: 'file://45.77.1.20/share/a.lnk', host: '45.77.1.20' },
    {
      text: 'pool stratum+tcp://xmr.pool-mine.org:3333 used',
      want: 'stratum+tcp://xmr.pool-mine.org:3333',
      host: 'xmr.pool-mine.org',
    },
    {
      text: 'pool stratum+ssl://xmr.pool-mine.org:443',
      want: 'stratum+ssl://xmr.pool-mine.org:443',
      host: 'xmr.pool-mine.org',
    },
    { text: 'tcp://45.77.1.20:4444', want: 'tcp://45.77.1.20:4444', host: '45.77.1.20' },
    { text: 'udp://45.77.1.20:53', want: 'udp://45.77.1.20:53', host: '45.77.1.20' },
    { text: 'http://1.2.3.4:8080/x', want: 'http://1.2.3.4:8080/x', host: '1.2.3.4' },
    { text: 'http://user:pw@drop-zone.net/x', want: 'http://user:pw@drop-zone.net/x', host: 'drop-zone.net' },
    { text: 'HTTPS://Drop-Zone.NET/A', want: 'https://Drop-Zone.NET/A', host: 'drop-zone.net' },
    {
      text: 'market http://duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion/x',
      want: 'http://duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion/x',
      host: 'duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion',
    },
    {
      text: 'old http://facebookcorewwwi.onion/',
      want: 'http://facebookcorewwwi.onion/',
      host: 'facebookcorewwwi.onion',
    },
    { text: 'repo bitbucket.org/team-x/tool', want: 'bitbucket.org/team-x/tool', host: 'bitbucket.org' },
    { text: 'panel drop-zone.net:8443/login', want: 'drop-zone.net:8443/login', host: 'drop-zone.net' },
    { text: 'a scheme on a file-like TLD: https://invoice.zip/x', want: 'https://invoice.zip/x', host: 'invoice.zip' },
  ])('$want', ({ text, want, host }) => {
    const hits = findUrls(text);
    expect(hits.map((h) => h.value)).toEqual([want]);
    expect(hits[0]?.host).toBe(host);
    expect(text.slice(hits[0]?.start, hits[0]?.end).toLowerCase()).toBe(want.toLowerCase());
  });

  test.each([
    { why: 'port out of range', text: 'http://45.77.1.20:99999/x' },
    { why: 'an onion host that is no key', text: 'http://evil.onion/x' },
    { why: 'an onion host of the wrong length', text: 'http://duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6tw.onion/' },
    { why: 'placeholder host', text: 'GET https://yourdomain.com/wp-admin' },
    { why: 'reserved TLD', text: 'curl http://api.internal.test/v1' },
    { why: 'no such TLD', text: 'http://server.lan/x' },
    { why: 'a scheme not on the list', text: 'meow://drop-zone.net/x gopher://drop-zone.net/' },
    { why: 'a Java package with a path', text: 'see com.example.app/MainActivity' },
    { why: 'a ProgID with a slash', text: 'WScript.Shell/Run' },
    { why: 'a file path', text: 'src/main.py/x and docs/readme.md/y' },
    { why: 'a file name before a slash', text: 'open invoice.zip/x' },
    { why: 'a UNC path is no URL', text: '\\\\drop-zone.net\\share\\a.exe' },
  ])('no URL: $why', ({ text }) => {
    expect(urls(text)).toEqual([]);
  });

  test('a defanged file-like host without a scheme is a host', () => {
    const r = refangWithMap('panel invoice[.]zip/admin');
    expect(findUrls(r.text, r).map((u) => u.host)).toEqual(['invoice.zip']);
  });
});

describe('findUrls: where a URL ends', () => {
  test.each([
    { text: 'See https://drop-zone.net/a.', want: ['https://drop-zone.net/a'] },
    { text: 'at https://drop-zone.net/a, then', want: ['https://drop-zone.net/a'] },
    { text: 'at https://drop-zone.net/a; then', want: ['https://drop-zone.net/a'] },
    { text: 'at https://drop-zone.net/a: then', want: ['https://drop-zone.net/a'] },
    { text: 'really https://drop-zone.net/a?!', want: ['https://drop-zone.net/a'] },
    { text: '(see https://drop-zone.net/a)', want: ['https://drop-zone.net/a'] },
    { text: '(see https://drop-zone.net/a).', want: ['https://drop-zone.net/a'] },
    { text: 'wiki https://en.wikipedia.org/wiki/Foo_(bar) ok', want: ['https://en.wikipedia.org/wiki/Foo_(bar)'] },
    { text: '(wiki https://en.wikipedia.org/wiki/Foo_(bar))', want: ['https://en.wikipedia.org/wiki/Foo_(bar)'] },
    { text: 'the “https://drop-zone.net/a” link', want: ['https://drop-zone.net/a'] },
    { text: 'the ‘https://drop-zone.net/a’ link', want: ['https://drop-zone.net/a'] },
    { text: '«https://drop-zone.net/a»', want: ['https://drop-zone.net/a'] },
    { text: '<https://drop-zone.net/a>', want: ['https://drop-zone.net/a'] },
    { text: '[https://drop-zone.net/a]', want: ['https://drop-zone.net/a'] },
    { text: 'x https://drop-zone.net/a] y', want: ['https://drop-zone.net/a'] },
    { text: '"https://drop-zone.net/a"', want: ['https://drop-zone.net/a'] },
    { text: '**https://drop-zone.net/a**', want: ['https://drop-zone.net/a'] },
    { text: '`https://drop-zone.net/a`', want: ['https://drop-zone.net/a'] },
    { text: '链接https://drop-zone.net/a。然后', want: ['https://drop-zone.net/a'] },
    { text: 'zw https://drop-zone.net/a\u200bnext', want: ['https://drop-zone.net/a'] },
    {
      text: '[https://drop-zone.net/a](https://drop-zone.net/a)',
      want: ['https://drop-zone.net/a', 'https://drop-zone.net/a'],
    },
    { text: '[the panel](https://drop-zone.net/p) here', want: ['https://drop-zone.net/p'] },
    {
      text: 'https://drop-zone.net/a,https://other-drop.org/b;ftp://45.77.1.20/c',
      want: ['https://drop-zone.net/a', 'https://other-drop.org/b', 'ftp://45.77.1.20/c'],
    },
    {
      text: 'https://drop-zone.net/r?u=https://other-drop.org/b',
      want: ['https://drop-zone.net/r?u=https://other-drop.org/b'],
    },
    { text: 'https://drop-zone.net/a?x=1,2;y=3', want: ['https://drop-zone.net/a?x=1,2;y=3'] },
  ])('$text', ({ text, want }) => {
    const hits = findUrls(text);
    expect(hits.map((h) => h.value)).toEqual(want);
    for (const h of hits) expect(text.slice(h.start, h.end)).toBe(h.value);
  });

  test('a defanged URL maps back to what the report wrote', () => {
    const original = 'Payload “hxxps[:]//drop-zone[.]net/a.bin”.';
    const r = refangWithMap(original);
    const [hit] = findUrls(r.text);
    expect(hit?.value).toBe('https://drop-zone.net/a.bin');
    const start = r.starts[hit?.start ?? 0];
    const end = r.ends[(hit?.end ?? 1) - 1];
    expect(original.slice(start, end)).toBe('hxxps[:]//drop-zone[.]net/a.bin');
  });

  test.each([
    ['https://a.com/x).', 'https://a.com/x'],
    ['https://a.com/(x)', 'https://a.com/(x)'],
    ['https://a.com/x))', 'https://a.com/x'],
    ['https://a.com/(x))', 'https://a.com/(x)'],
    ['https://a.com/x!?.', 'https://a.com/x'],
    ['https://a.com/', 'https://a.com/'],
  ])('trimUrl(%s)', (raw, want) => {
    expect(trimUrl(raw)).toBe(want);
  });

  test('linear on a megabyte of unterminated and comma-joined URLs', () => {
    for (const unit of ['https://a', 'https://a.co/,', ')', 'a.co/(']) {
      const text = unit.repeat(Math.ceil(1_000_000 / unit.length));
      const t0 = performance.now();
      findUrls(text);
      expect(performance.now() - t0).toBeLessThan(1500);
    }
  });
});
