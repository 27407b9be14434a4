import { describe, expect, test } from 'vitest';
import { parseAllowList } from './allow-list.ts';
import { type Resolver, resolveTarget } from './dns.ts';
import { failure } from './fixtures/failure.ts';

const fixed =
  (...addresses: string[]): Resolver =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('parseAllowList', () => {
  const allow = parseAllowList(['127.0.0.1:8080', '[::1]:9000', 'Mirror.Internal:443']);
  test.each([
    { host: '127.0.0.1', port: 8080, expected: true },
    { host: '0x7f.1', port: 8080, expected: true },
    { host: '127.0.0.1', port: 8081, expected: false },
    { host: '127.0.0.2', port: 8080, expected: false },
    { host: '::1', port: 9000, expected: true },
    { host: '[::1]', port: 9000, expected: true },
    { host: 'mirror.internal', port: 443, expected: true },
    { host: 'mirror.internal.', port: 443, expected: true },
    { host: 'mirror.internal', port: 80, expected: false },
  ])('$host:$port -> $expected', ({ host, port, expected }) => {
    expect(allow.has(host, port)).toBe(expected);
  });

  test.each(['127.0.0.1', 'host:', ':80', 'host:99999', '::1:80', 'a b:80'])('refuses the entry %j', (entry) => {
    expect(() => parseAllowList([entry])).toThrow(/not host:port/);
  });
});

describe('resolveTarget', () => {
  const none = parseAllowList([]);

  test('a public name resolves to its first address', async () => {
    const target = await resolveTarget('www.justice.gov', 443, { resolve: fixed('149.101.1.1'), allow: none });
    expect(target).toEqual({ address: '149.101.1.1', family: 4 });
  });

  test('a name that resolves to loopback is refused with the address in the message', async () => {
    const error = await failure(resolveTarget('evil.example', 80, { resolve: fixed('127.0.0.1'), allow: none }));
    expect(error.code).toBe('blocked_address');
    expect(error.message).toBe('refused: evil.example resolves to 127.0.0.1, a loopback address');
  });

  test('one private address among public ones refuses the whole name', async () => {
    const error = await failure(
      resolveTarget('mixed.example', 80, { resolve: fixed('8.8.8.8', '10.0.0.7'), allow: none }),
    );
    expect(error.code).toBe('blocked_address');
    expect(error.message).toMatch(/10\.0\.0\.7, a private/);
  });

  test.each(['127.0.0.1', '2130706433', '0177.0.0.1', '0x7f.1', '127.1', '[::1]', '[::ffff:127.0.0.1]'])(
    'the literal %s is refused without asking DNS',
    async (host) => {
      let asked = 0;
      const resolve: Resolver = async () => {
        asked++;
        return [];
      };
      const error = await failure(resolveTarget(host, 80, { resolve, allow: none }));
      expect(error.code).toBe('blocked_address');
      expect(error.message).toMatch(/loopback address$/);
      expect(asked).toBe(0);
    },
  );

  test('a metadata address is refused as such', async () => {
    const error = await failure(resolveTarget('169.254.169.254', 80, { resolve: fixed(), allow: none }));
    expect(error.message).toBe('refused: 169.254.169.254 is a cloud metadata service address');
  });

  test('an allowed host:port may be private, other ports of it may not', async () => {
    const allow = parseAllowList(['127.0.0.1:8080']);
    await expect(resolveTarget('127.0.0.1', 8080, { resolve: fixed(), allow })).resolves.toEqual({
      address: '127.0.0.1',
      family: 4,
    });
    expect((await failure(resolveTarget('127.0.0.1', 8081, { resolve: fixed(), allow }))).code).toBe('blocked_address');
    // A name resolving to the allowed address:port is allowed too.
    await expect(resolveTarget('test.local', 8080, { resolve: fixed('127.0.0.1'), allow })).resolves.toMatchObject({
      address: '127.0.0.1',
    });
  });

  test('a name that does not resolve is unreachable (retryable)', async () => {
    const resolve: Resolver = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    const error = await failure(resolveTarget('nope.invalid', 80, { resolve, allow: none }));
    expect(error.code).toBe('unreachable');
    expect(error.retryable).toBe(true);
    expect(error.message).toBe('nope.invalid does not resolve (ENOTFOUND)');
  });
});
