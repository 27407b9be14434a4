import { describe, expect, test } from 'vitest';
import { type AddressClass, classifyAddress, ipLiteralOf, refusalMessage } from './address-policy.ts';

describe('ipLiteralOf: every spelling a URL accepts is recognised as an address', () => {
  test.each([
    { spelling: '127.0.0.1', address: '127.0.0.1' },
    { spelling: '2130706433', address: '127.0.0.1' },
    { spelling: '0177.0.0.1', address: '127.0.0.1' },
    { spelling: '0x7f.1', address: '127.0.0.1' },
    { spelling: '0x7f000001', address: '127.0.0.1' },
    { spelling: '017700000001', address: '127.0.0.1' },
    { spelling: '127.1', address: '127.0.0.1' },
    { spelling: '127.0.1', address: '127.0.0.1' },
    { spelling: '127.0.0.1.', address: '127.0.0.1' },
    { spelling: '0', address: '0.0.0.0' },
    { spelling: '0xa9.0xfe.0xa9.0xfe', address: '169.254.169.254' },
    { spelling: '2852039166', address: '169.254.169.254' },
    { spelling: '[::1]', address: '::1' },
    { spelling: '::1', address: '::1' },
    { spelling: '0:0:0:0:0:0:0:1', address: '::1' },
    { spelling: '[::ffff:127.0.0.1]', address: '::ffff:7f00:1' },
    { spelling: 'FD00:EC2::254', address: 'fd00:ec2::254' },
    { spelling: 'example.com', address: undefined },
    { spelling: '127.0.0.1.nip.io', address: undefined },
    { spelling: 'localhost', address: undefined },
  ])('$spelling -> $address', ({ spelling, address }) => {
    expect(ipLiteralOf(spelling)).toBe(address);
  });
});

describe('classifyAddress', () => {
  const cases: { address: string; cls: AddressClass; allowed?: boolean }[] = [
    // loopback, in every spelling
    { address: '127.0.0.1', cls: 'loopback' },
    { address: '127.255.255.254', cls: 'loopback' },
    { address: '2130706433', cls: 'loopback' },
    { address: '0177.0.0.1', cls: 'loopback' },
    { address: '0x7f.1', cls: 'loopback' },
    { address: '127.1', cls: 'loopback' },
    { address: '::1', cls: 'loopback' },
    // RFC 1918
    { address: '10.0.0.1', cls: 'private' },
    { address: '012.0.0.1', cls: 'private' },
    { address: '172.16.0.1', cls: 'private' },
    { address: '172.31.255.255', cls: 'private' },
    { address: '192.168.1.1', cls: 'private' },
    { address: '3232235777', cls: 'private' },
    // CGNAT
    { address: '100.64.0.1', cls: 'carrier-grade-nat' },
    { address: '100.127.255.254', cls: 'carrier-grade-nat' },
    // link-local
    { address: '169.254.1.1', cls: 'link-local' },
    { address: 'fe80::1', cls: 'link-local' },
    { address: 'febf::1', cls: 'link-local' },
    // multicast
    { address: '224.0.0.1', cls: 'multicast' },
    { address: '239.255.255.250', cls: 'multicast' },
    { address: 'ff02::1', cls: 'multicast' },
    // unique local
    { address: 'fc00::1', cls: 'unique-local' },
    { address: 'fd12:3456::1', cls: 'unique-local' },
    // this network, broadcast
    { address: '0.0.0.0', cls: 'unspecified' },
    { address: '0.1.2.3', cls: 'unspecified' },
    { address: '::', cls: 'unspecified' },
    { address: '255.255.255.255', cls: 'broadcast' },
    // cloud metadata
    { address: '169.254.169.254', cls: 'cloud-metadata' },
    { address: '2852039166', cls: 'cloud-metadata' },
    { address: 'fd00:ec2::254', cls: 'cloud-metadata' },
    // IPv4 inside IPv6
    { address: '::ffff:127.0.0.1', cls: 'loopback' },
    { address: '::ffff:7f00:1', cls: 'loopback' },
    { address: '::ffff:10.0.0.1', cls: 'private' },
    { address: '::ffff:169.254.169.254', cls: 'cloud-metadata' },
    { address: '::127.0.0.1', cls: 'loopback' },
    { address: '::192.168.0.1', cls: 'private' },
    { address: '::ffff:0:127.0.0.1', cls: 'loopback' },
    { address: '64:ff9b::10.0.0.1', cls: 'private' },
    { address: '2002:7f00:1::', cls: 'loopback' },
    { address: '2002:a9fe:a9fe::1', cls: 'cloud-metadata' },
    { address: '2001::1', cls: 'tunnel' },
    // reserved and documentation ranges
    { address: '240.0.0.1', cls: 'reserved' },
    { address: '192.0.2.1', cls: 'reserved' },
    { address: '2001:db8::1', cls: 'reserved' },
    { address: 'fec0::1', cls: 'reserved' },
    // public
    { address: '8.8.8.8', cls: 'public', allowed: true },
    { address: '149.101.1.1', cls: 'public', allowed: true },
    { address: '::ffff:8.8.8.8', cls: 'public', allowed: true },
    { address: '64:ff9b::8.8.8.8', cls: 'public', allowed: true },
    { address: '2606:4700::6810:84e5', cls: 'public', allowed: true },
  ];
  test.each(cases)('$address is $cls', ({ address, cls, allowed = false }) => {
    const verdict = classifyAddress(address);
    expect(verdict.class).toBe(cls);
    expect(verdict.allowed).toBe(allowed);
  });

  test('a host name is not an address', () => {
    expect(() => classifyAddress('localhost')).toThrow(/not an IP address/);
  });
});

describe('refusalMessage', () => {
  test.each([
    { host: '127.0.0.1', expected: 'refused: 127.0.0.1 is a loopback address' },
    { host: '0x7f.1', expected: 'refused: 127.0.0.1 is a loopback address' },
    {
      host: '[::ffff:127.0.0.1]',
      expected: 'refused: ::ffff:7f00:1 is an IPv4-mapped form of 127.0.0.1, a loopback address',
    },
  ])('$host', ({ host, expected }) => {
    expect(refusalMessage(host, classifyAddress(host))).toBe(expected);
  });

  test('a name that resolves to a private address says both', () => {
    expect(refusalMessage('intranet.example', classifyAddress('10.1.2.3'))).toBe(
      'refused: intranet.example resolves to 10.1.2.3, a private (RFC 1918) address',
    );
  });
});
