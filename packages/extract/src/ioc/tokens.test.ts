import { describe, expect, test } from 'vitest';
import { extract } from '../extract.ts';
import { plainDocument } from '../plain-document.ts';
import { refangWithMap } from '../refang.ts';
import { findTokens } from './tokens.ts';

const MD5 = '9e107d9d372bb6826bd81d3542a419d6';
const SHA1 = '2fd4e1c67a2d28fced849ee1bb76e7391b93eb12';
const SHA256 = 'd7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592';

/** `kind:value` of every token in the refanged text, with the refang map passed as the pipeline does. */
const tokens = (original: string) => {
  const r = refangWithMap(original);
  return findTokens(r.text, r).map((t) => `${t.kind}:${t.value}`);
};

describe('findTokens: shapes that are indicators', () => {
  test.each([
    { text: 'C2 evil-update.com today', want: 'domain-name:evil-update.com' },
    { text: 'mirror cdn.com.ua seen', want: 'domain-name:cdn.com.ua' },
    { text: 'host android.googleapis.com', want: 'domain-name:android.googleapis.com' },
    { text: 'The file drops invoice[.]zip', want: 'domain-name:invoice.zip' },
    { text: 'C2 update [.] sh', want: 'domain-name:update.sh' },
    { text: 'C2 readme(.)md', want: 'domain-name:readme.md' },
    { text: 'beacon 45.77.1.20 seen', want: 'ipv4-addr:45.77.1.20' },
    { text: 'beacon 45.77.1[.]20:443', want: 'ipv4-addr:45.77.1.20' },
    { text: `hash ${MD5}`, want: `MD5:${MD5}` },
    { text: `md5=${MD5}`, want: `MD5:${MD5}` },
    { text: `SHA1: ${SHA1.toUpperCase()}.`, want: `SHA-1:${SHA1}` },
    { text: `| ${SHA256} | loader |`, want: `SHA-256:${SHA256}` },
    { text: `sample ${MD5}.exe ran`, want: `MD5:${MD5}` },
    { text: `dropped ${SHA256}.bin`, want: `SHA-256:${SHA256}` },
    { text: 'share \\\\files.drop-zone.net\\pub\\a.exe', want: 'domain-name:files.drop-zone.net' },
    { text: 'WebDAV \\\\45.77.1.20@8080\\DavWWWRoot\\x.lnk', want: 'ipv4-addr:45.77.1.20' },
    { text: 'WebDAV \\\\45.77.1.20@SSL@443\\DavWWWRoot\\x', want: 'ipv4-addr:45.77.1.20' },
    {
      text: 'hidden service amfbcga7eywtio2cjfifoxtfnrzxvamir6lj3jflwk44br6o2xolo3yd.onion',
      want: 'domain-name:amfbcga7eywtio2cjfifoxtfnrzxvamir6lj3jflwk44br6o2xolo3yd.onion',
    },
    { text: 'old facebookcorewwwi.onion mirror', want: 'domain-name:facebookcorewwwi.onion' },
    { text: 'Visit EVIL-UPDATE.COM', want: 'domain-name:evil-update.com' },
    { text: 'sender domain drop-zone[.]Net here', want: 'domain-name:drop-zone.net' },
    { text: 'host cdn.drop-zone.zip seen', want: 'domain-name:cdn.drop-zone.zip' },
    { text: 'ip 79.141.169[.3 |', want: 'ipv4-addr:79.141.169.3' },
  ])('$want in "$text"', ({ text, want }) => {
    expect(tokens(text)).toEqual([want]);
  });
});

describe('findTokens: shapes that are not', () => {
  test.each([
    { why: 'Android package', text: 'It checks for com.google.android.gms first.' },
    { why: 'Java package whose last label is a TLD', text: 'imports org.apache.commons.io and com.tencent.mm' },
    { why: 'class name', text: 'launches com.example.app.MainActivity' },
    { why: 'support library', text: 'uses android.support.v4.app' },
    { why: 'ProgIDs', text: 'It creates WScript.Shell, ADODB.Stream and WScript.Network objects.' },
    { why: 'ProgID in capitals', text: 'CreateObject("MSXML2.XMLHTTP")' },
    { why: '.NET namespace', text: 'via System.Net and System.IO' },
    { why: 'file names', text: 'It drops invoice.zip, readme.md, update.sh, clip.mov and payload.ps1.' },
    { why: 'double extension', text: 'attachment invoice.pdf.zip' },
    { why: 'capitalised file name with dots', text: 'a zipped file (Scan.Salary.zip) was attached' },
    { why: 'product name with a capital TLD', text: 'obfuscated with Dotfuscator.NET 4.1' },
    { why: 'after an underscore', text: 'name TENDER_pdf[.]zip?dl=0' },
    { why: 'licence key', text: `license: ${MD5.toUpperCase()}` },
    { why: 'script names', text: 'runs main.py then index.php and config.json' },
    { why: 'version', text: 'Upgrade to version 5.4.2.1 now.' },
    { why: 'build', text: 'build 6.1.7601.4' },
    { why: 'Windows build', text: 'Windows 10.0.17763.1 hosts' },
    { why: 'OID', text: 'OID 1.3.6.1.4.1.311.2.1.21' },
    { why: 'pre-release tag', text: 'agent 1.2.3.4+build7 and 2.3.4.5-beta' },
    { why: 'MIME boundary', text: `boundary="${MD5}"` },
    { why: 'API key', text: `api_key=${MD5}` },
    { why: 'bearer token', text: `Authorization: Bearer ${SHA1}` },
    { why: 'hex inside base64', text: `aGVsbG8gd29y+${MD5}/bGQ=` },
    { why: 'GUID', text: '{6B29FC40-CA47-1067-B31D-00DD010662DA}' },
    { why: 'GUID without braces', text: 'CLSID 9e107d9d-372b-b682-6bd8-1d3542a419d6' },
    { why: '40 hex inside 64', text: `the key ${SHA256}00` },
    { why: 'hex run between letters', text: `x${SHA1}y` },
    { why: '0x integer', text: `0x${MD5}` },
    { why: 'placeholder digest', text: `hash ${'0'.repeat(32)} and ${'f'.repeat(64)}` },
    { why: 'placeholder domains', text: 'mail to yourdomain.com, example.com or cdn.example.org' },
    { why: 'reserved TLDs', text: 'hosts a.test, b.invalid, c.localhost and corp.example' },
    { why: 'masked', text: 'c2 xxx.xxx and xxxx.com' },
    { why: 'redacted', text: 'c2 [redacted].com and <domain>.com' },
    { why: 'not an onion key', text: 'market evil.onion' },
    { why: 'device path', text: '\\\\.\\pipe\\evil.pipe' },
    { why: 'path under a drive', text: 'C:\\Users\\evil-update.com\\x' },
  ])('$why', ({ text }) => {
    expect(tokens(text)).toEqual([]);
  });
});

describe('findTokens: defanged or not', () => {
  test('with the refang map, only the defanged file-like name is a host', () => {
    const r = refangWithMap('C2 invoice[.]zip and invoice.zip');
    expect(findTokens(r.text, r).map((t) => t.value)).toEqual(['invoice.zip']);
    expect(findTokens(r.text, r)[0]?.start).toBe(3);
  });

  test('without a map a file-like name stays a file name', () => {
    expect(findTokens('C2 invoice.zip')).toEqual([]);
  });
});

describe('through extract(), which passes only the refanged text', () => {
  const domains = (text: string) =>
    extract(plainDocument(text, 'file:t.txt'))
      .findings.filter((f) => f.type === 'domain-name')
      .map((f) => f.value);

  test('a defanged file-like host is kept and a bare file name is not', () => {
    const got = domains('C2 domains: update-check[.]zip and bad-mirror[.]mov. The lure was invoice.zip.');
    expect(got).toEqual(expect.arrayContaining(['update-check.zip', 'bad-mirror.mov']));
    expect(got).not.toContain('invoice.zip');
  });

  test('package names and ProgIDs are no domains', () => {
    const got = domains('The APK (com.tencent.mm clone) calls WScript.Network and beacons to sync-relay[.]net.');
    expect(got).toEqual(['sync-relay.net']);
  });
});
