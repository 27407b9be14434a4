import { describe, expect, test } from 'vitest';
import {
  isFileName,
  isIpv4,
  isKeyLikeHex,
  isOnionAddress,
  isPlaceholderDomain,
  isPlaceholderHex,
  isProgId,
  isReverseDnsIdentifier,
  isVersionLikeIpv4,
} from './shapes.ts';

// Each validator: strings it must reject as indicators (true) and look-alikes it must leave (false).

describe('isReverseDnsIdentifier', () => {
  test.each([
    'com.google.android.gms',
    'org.apache.commons.io',
    'com.example.app.MainActivity',
    'com.tencent.mm',
    'com.android.chrome',
    'com.spotify.music',
    'com.google.android.youtube',
    'android.support.v4.app',
    'android.os.Bundle',
    'androidx.core.app',
    'java.util.zip',
    'javax.crypto.spec',
    'kotlin.io.path',
    'io.ktor.server.app',
    'net.sourceforge.jtds.jdbc',
  ])('%s is a package name', (value) => {
    expect(isReverseDnsIdentifier(value)).toBe(true);
  });

  test.each([
    'evil-update.com',
    'cdn.com.ua',
    'www.google.com',
    'android.googleapis.com',
    'android.clients.google.com',
    'io.adafruit.com',
    'com.evil-update.net',
    'org.ru',
    'mail.org.pl',
    'a1.cdn.net',
  ])('%s is not', (value) => {
    expect(isReverseDnsIdentifier(value)).toBe(false);
  });
});

describe('isProgId', () => {
  test.each([
    'WScript.Shell',
    'Scripting.FileSystemObject',
    'Shell.Application',
    'ADODB.Stream',
    'WScript.Network',
    'System.Net',
    'System.IO',
    'Outlook.Application',
    'MSXML2.XMLHTTP',
    'WSCRIPT.SHELL',
    'Microsoft.XMLHTTP',
  ])('%s is a type name', (value) => {
    expect(isProgId(value)).toBe(true);
  });

  test.each(['evil.com', 'EVIL.COM', 'Evil.com', 'Microsoft.com', 'cdn.Evil-Host.net', 'MAIL.RU', 'wscript.network'])(
    '%s is not',
    (value) => {
      expect(isProgId(value)).toBe(false);
    },
  );
});

describe('isFileName', () => {
  test.each([
    'invoice.zip',
    'readme.md',
    'main.py',
    'update.sh',
    'file.mov',
    'lib.rs',
    'parse.pl',
    'libcrypto.so',
    'notes.one',
    'main.tf',
    'invoice.pdf.zip',
    'scan.jpg.mov',
    'backup.2024.zip',
    'Scan.Salary.zip',
    'index.app',
    'setup.dev',
  ])('%s, written as is, is a file name', (value) => {
    expect(isFileName({ value, defanged: false })).toBe(true);
  });

  test.each(['invoice.zip', 'readme.md', 'main.py', 'invoice.pdf.zip'])('%s, written defanged, is a host', (value) => {
    expect(isFileName({ value, defanged: true })).toBe(false);
  });

  test.each(['evil-update.com', 'cdn.evil.zip', 'drop.sh.example.net', 'update-check.io', 'mira.dev', 'onet.com.pl'])(
    '%s is no file name',
    (value) => {
      expect(isFileName({ value, defanged: false })).toBe(false);
    },
  );
});

describe('isPlaceholderDomain', () => {
  test.each([
    'example.com',
    'example.net',
    'www.example.org',
    'corp.example',
    'host.test',
    'a.b.invalid',
    'dev.localhost',
    'yourdomain.com',
    'your-domain.net',
    'mydomain.org',
    'domain.com',
    'domain.tld',
    'xxx.xxx',
    'xxxx.com',
    'cdn.XXXX.net',
    'redacted.com',
    'example.co.uk',
  ])('%s is a placeholder', (value) => {
    expect(isPlaceholderDomain(value)).toBe(true);
  });

  test.each([
    'x.com',
    'example-cdn.com',
    'examples-update.net',
    'mydomains-check.org',
    'site.com',
    'testbed.io',
    'xx.ru',
  ])('%s is real', (value) => {
    expect(isPlaceholderDomain(value)).toBe(false);
  });
});

describe('isOnionAddress', () => {
  const V3 = 'amfbcga7eywtio2cjfifoxtfnrzxvamir6lj3jflwk44br6o2xolo3yd';
  test.each([
    'duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion',
    `${V3}.onion`,
    `www.${V3}.onion`,
    'facebookcorewwwi.onion',
  ])('%s is an onion service', (value) => {
    expect(isOnionAddress(value)).toBe(true);
    expect(isOnionAddress(value, { checksum: true })).toBe(true);
  });

  test.each([
    'evil.onion',
    'facebookcorewww1.onion',
    `${V3}x.onion`,
    'duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.com',
  ])('%s is not', (value) => {
    expect(isOnionAddress(value)).toBe(false);
  });

  test.each([
    // One character changed: the shape holds, the checksum does not.
    'duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczae.onion',
    `${V3.slice(0, 10)}b${V3.slice(11)}.onion`,
  ])('%s has the shape but a bad checksum', (value) => {
    expect(isOnionAddress(value)).toBe(true);
    expect(isOnionAddress(value, { checksum: true })).toBe(false);
  });
});

describe('isIpv4', () => {
  test.each([
    ['8.8.4.4', true],
    ['103.125.219.119', true],
    ['255.255.255.255', true],
    ['10.0.17763.1', false],
    ['1.3.6.1.4.1.311', false],
    ['01.02.03.04', false],
    ['10.0.0.010', false],
    ['256.1.1.1', false],
    ['1.2.3', false],
  ])('%s: %s', (value, ok) => {
    expect(isIpv4(value)).toBe(ok);
  });
});

describe('isVersionLikeIpv4', () => {
  const at = (text: string, value: string) => {
    const start = text.indexOf(value);
    return isVersionLikeIpv4(text, start, start + value.length);
  };
  test.each([
    ['Upgrade to version 5.4.2.1 now', '5.4.2.1'],
    ['Fixed in v 2.0.1.4.', '2.0.1.4'],
    ['ver. 1.1.2.3 shipped', '1.1.2.3'],
    ['release: 3.2.1.0', '3.2.1.0'],
    ['firmware 4.2.0.12 on the router', '4.2.0.12'],
    ['see section 4.2.1.3 of the RFC', '4.2.1.3'],
    ['§ 1.2.3.4 applies', '1.2.3.4'],
    ['pkg 1.2.3.4-beta tested', '1.2.3.4'],
    ['tag 1.2.3.4+build7', '1.2.3.4'],
    ['tag 1.2.3.4~rc2', '1.2.3.4'],
  ])('%s', (text, value) => {
    expect(at(text, value)).toBe(true);
  });

  test.each([
    ['Beacon to 103.125.219.119 observed', '103.125.219.119'],
    ['C2 server: 45.77.1.20', '45.77.1.20'],
    ['resolves to 8.8.4.4.', '8.8.4.4'],
    ['server 5.4.2.1 responded', '5.4.2.1'],
    ['ip=91.92.1.3-', '91.92.1.3'],
  ])('%s keeps its address', (text, value) => {
    expect(at(text, value)).toBe(false);
  });
});

describe('isKeyLikeHex', () => {
  const at = (text: string, value: string) => {
    const start = text.indexOf(value);
    return isKeyLikeHex(text, start, start + value.length);
  };
  const H = '9e107d9d372bb6826bd81d3542a419d6';
  test.each([
    `Content-Type: multipart/mixed; boundary=${H}`,
    `boundary="${H}"`,
    `api_key=${H}`,
    `"apiKey": "${H}"`,
    `session token ${H}`,
    `Authorization: Bearer ${H}`,
    `secret: ${H}`,
    `aGVsbG8gd29y+${H}/bGQ=`,
    `${H}==`,
    `salt=${H}`,
  ])('%s', (text) => {
    expect(at(text, H)).toBe(true);
  });

  test.each([`MD5: ${H}`, `md5=${H}`, `SHA-1 hash ${H}`, `| ${H} | loader.dll |`, `(${H})`, `file ${H}.`])(
    '%s is a digest',
    (text) => {
      expect(at(text, H)).toBe(false);
    },
  );
});

describe('isPlaceholderHex', () => {
  test.each([
    ['0'.repeat(32), true],
    ['f'.repeat(64), true],
    ['0123456789abcdef'.repeat(2), true],
    ['deadbeef'.repeat(5), true],
    ['ab'.repeat(32), true],
    ['9e107d9d372bb6826bd81d3542a419d6', false],
    ['e58864cc22cd8ec17ae35dd810455d604aadab7c3f145b6c53b3c261855a4bb1', false],
  ])('%s: %s', (value, placeholder) => {
    expect(isPlaceholderHex(value)).toBe(placeholder);
  });
});
