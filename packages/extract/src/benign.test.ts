import { describe, expect, test } from 'vitest';
import data from '../data/benign.json' with { type: 'json' };
import {
  BENIGN_CATEGORIES,
  type BenignCategory,
  type BenignValueType,
  benignCategory,
  inCloudRange,
  isDynamicDns,
  isEmptyFileHash,
  isFileSharing,
  isPopularDomain,
  isPublicDns,
  isSecurityVendorSite,
  isShortener,
  isWebmail,
  networkOf,
} from './benign.ts';

describe('benignCategory', () => {
  test.each<[BenignValueType, string, BenignCategory]>([
    ['domain-name', 'google.com', 'popular'],
    ['domain-name', 'WWW.Google.COM.', 'popular'],
    ['domain-name', 'login.microsoftonline.com', 'popular'],
    ['domain-name', 'bit.ly', 'url-shortener'],
    ['domain-name', 'linktr.ee', 'link-in-bio'],
    ['domain-name', 'pastebin.com', 'file-sharing'],
    ['domain-name', 'raw.githubusercontent.com', 'file-sharing'],
    ['domain-name', 'contoso-my.sharepoint.com', 'file-sharing'],
    ['domain-name', 'api.ipify.org', 'ip-lookup'],
    ['domain-name', 'gmail.com', 'webmail'],
    ['domain-name', 'yopmail.com', 'disposable-email'],
    ['domain-name', 'foo.duckdns.org', 'dynamic-dns'],
    ['domain-name', 'c2.ddns.net', 'dynamic-dns'],
    // afraid.org's shared domains are not in the PSL: the MISP list is what marks them.
    ['domain-name', 'x.mooo.com', 'dynamic-dns'],
    ['domain-name', 'securelist.com', 'security-vendor'],
    ['domain-name', 'unit42.paloaltonetworks.com', 'security-vendor'],
    ['domain-name', 'ns1.bodis.com', 'parking'],
    ['domain-name', 'foo.example.com', 'documentation'],
    ['domain-name', 'c2.test', 'documentation'],
    ['ipv4-addr', '8.8.8.8', 'public-dns'],
    ['ipv4-addr', '1.1.1.1', 'public-dns'],
    ['ipv4-addr', '192.0.2.44', 'documentation'],
    ['ipv4-addr', '198.51.100.0/24', 'documentation'],
    ['ipv4-addr', '203.0.113.255', 'documentation'],
    ['ipv4-addr', '104.16.1.1', 'cdn-range'],
    ['ipv4-addr', '151.101.1.1', 'cdn-range'],
    ['ipv4-addr', '52.95.110.1', 'cloud-range'],
    ['ipv6-addr', '2001:4860:4860::8888', 'public-dns'],
    ['ipv6-addr', '[2620:fe::fe]', 'public-dns'],
    ['ipv6-addr', '::ffff:8.8.4.4', 'public-dns'],
    ['ipv6-addr', '2001:DB8:0:0:0:0:0:1', 'documentation'],
    ['ipv6-addr', '3fff:fff::1', 'documentation'],
    ['ipv6-addr', '2606:4700::6810:84e5', 'cdn-range'],
    ['file', 'd41d8cd98f00b204e9800998ecf8427e', 'empty-file'],
    ['file', 'DA39A3EE5E6B4B0D3255BFEF95601890AFD80709', 'empty-file'],
    ['file', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'empty-file'],
    ['file', '44d88612fea8a8f36de82e1278abb02f', 'test-file'],
    ['email-addr', 'lure.sender@gmail.com', 'webmail'],
    ['email-addr', 'x@yopmail.com', 'disposable-email'],
    ['email-addr', 'alice@example.org', 'documentation'],
    ['url', 'https://bit.ly/3xYz', 'url-shortener'],
    ['url', 'drive.google.com/file/d/abc/view', 'file-sharing'],
    ['url', 'http://foo.duckdns.org:8080/gate.php', 'dynamic-dns'],
    ['url', 'http://8.8.8.8/', 'public-dns'],
    ['url', 'http://[2001:db8::1]/x', 'documentation'],
  ])('%s %s is %s', (type, value, category) => {
    expect(benignCategory(type, value)).toBe(category);
  });

  test.each<[BenignValueType, string]>([
    ['domain-name', 'qzx-update-check.net'],
    ['domain-name', 'evil.blogspot.com'],
    ['domain-name', 'evil.github.io'],
    ['domain-name', 'attacker-bucket.s3.amazonaws.com'],
    ['domain-name', 'evil.wordpress.com'],
    ['domain-name', 'example.co'],
    ['ipv4-addr', '45.33.32.156'],
    ['ipv4-addr', '8.8.8.0/24'],
    ['ipv4-addr', '192.0.3.1'],
    ['ipv4-addr', '300.1.1.1'],
    ['ipv6-addr', '2001:db9::1'],
    ['ipv6-addr', '2001:db8::/16'],
    ['ipv6-addr', '1:2:3'],
    ['file', '0123456789abcdef0123456789abcdef'],
    ['email-addr', 'ops@qzx-update-check.net'],
    // Only the lists that say who gives out addresses count for an address.
    ['email-addr', 'press@google.com'],
    ['email-addr', 'gmail.com'],
    ['url', 'https://qzx-update-check.net/gmail.com'],
    ['url', 'http://['],
  ])('%s %s is on no list', (type, value) => {
    expect(benignCategory(type, value)).toBeUndefined();
  });

  test('the closed set names every list the data file holds', () => {
    // user-content is no category of its own: it only keeps tenants' names from being popular.
    const listed = [...Object.keys(data.domains), ...Object.keys(data.hashes), ...Object.keys(data.addresses)].filter(
      (k) => k !== 'user-content',
    );
    expect(BENIGN_CATEGORIES.filter((c) => !listed.includes(c)).sort()).toEqual([
      'cdn-range',
      'cloud-range',
      'documentation',
    ]);
    for (const k of listed) expect(BENIGN_CATEGORIES).toContain(k);
  });
});

const predicates = {
  isWebmail,
  isShortener,
  isFileSharing,
  isDynamicDns,
  isSecurityVendorSite,
  isPublicDns,
  inCloudRange,
  isEmptyFileHash,
};

describe('predicates', () => {
  test.each<[string, boolean]>([
    ['google.com', true],
    ['mail.google.com', true],
    ['www.twitter.com', true],
    ['duckdns.org', true],
    // A subdomain of a dynamic-DNS or user-content platform is whoever took it.
    ['foo.duckdns.org', false],
    ['x.mooo.com', false],
    ['foo.blogspot.com', false],
    ['foo.wordpress.com', false],
    ['qzx-update-check.net', false],
    ['google.com.qzx-update-check.net', false],
  ])('isPopularDomain(%s) is %s', (host, expected) => {
    expect(isPopularDomain(host)).toBe(expected);
  });

  test.each<[keyof typeof predicates, string, boolean]>([
    ['isWebmail', 'gmail.com', true],
    ['isWebmail', 'outlook.com', true],
    ['isWebmail', 'google.com', false],
    ['isShortener', 'bit.ly', true],
    ['isShortener', 'tinyurl.com', true],
    ['isShortener', 'bitly.qzx-update-check.net', false],
    ['isFileSharing', 'mega.nz', true],
    ['isFileSharing', 'cdn.discordapp.com', true],
    ['isFileSharing', 'discord.com', false],
    ['isDynamicDns', 'foo.duckdns.org', true],
    ['isDynamicDns', 'a.b.no-ip.biz', true],
    ['isDynamicDns', 'google.com', false],
    ['isSecurityVendorSite', 'www.welivesecurity.com', true],
    ['isSecurityVendorSite', 'welivesecurity.com', true],
    // MISP's list names github.com and S3; a host anyone can create must not ride on that.
    ['isSecurityVendorSite', 'github.com', false],
    ['isSecurityVendorSite', 'evil.s3-eu-west-1.amazonaws.com', false],
    ['isPublicDns', '9.9.9.9', true],
    ['isPublicDns', '208.67.222.222', true],
    ['isPublicDns', '8.8.8.9', false],
    ['inCloudRange', '104.16.1.1', true],
    ['inCloudRange', '2600:1f18::1', true],
    ['inCloudRange', '192.0.2.1', false],
    ['inCloudRange', 'not an ip', false],
    ['isEmptyFileHash', 'd41d8cd98f00b204e9800998ecf8427e', true],
    ['isEmptyFileHash', ' D41D8CD98F00B204E9800998ECF8427E ', true],
    [
      'isEmptyFileHash',
      'cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e',
      true,
    ],
    ['isEmptyFileHash', '44d88612fea8a8f36de82e1278abb02f', false],
  ])('%s(%s) is %s', (name, value, expected) => {
    expect(predicates[name](value)).toBe(expected);
  });

  test.each<[string, ReturnType<typeof networkOf>]>([
    ['104.16.1.1', { provider: 'cloudflare', kind: 'cdn' }],
    ['151.101.65.1', { provider: 'fastly', kind: 'cdn' }],
    ['52.95.110.1', { provider: 'amazon-aws', kind: 'cloud' }],
    ['2a04:4e42::1', { provider: 'fastly', kind: 'cdn' }],
    ['45.33.32.156', undefined],
  ])('networkOf(%s)', (ip, expected) => {
    expect(networkOf(ip)).toEqual(expected);
  });
});
