import { expect, test } from 'vitest';
import { failure } from './fixtures/failure.ts';
import { startServer } from './fixtures/http-server.ts';
import { safeFetch } from './http.ts';

// Redirects from an allowed server into every address form the issue names. On Linux a
// connection to 0.0.0.0 or [::] reaches the local host, so these would hit the inner server if
// the check were skipped: the inner server seeing no request is the proof.

test.each([
  { host: '0.0.0.0', message: 'refused: 0.0.0.0 is an unspecified ("this network") address' },
  { host: '0', message: 'refused: 0.0.0.0 is an unspecified ("this network") address' },
  { host: '[::]', message: 'refused: :: is an unspecified ("this network") address' },
  {
    host: '[::ffff:127.0.0.1]',
    message: 'refused: ::ffff:7f00:1 is an IPv4-mapped form of 127.0.0.1, a loopback address',
  },
  {
    host: '[::ffff:7f00:1]',
    message: 'refused: ::ffff:7f00:1 is an IPv4-mapped form of 127.0.0.1, a loopback address',
  },
  { host: '169.254.169.254', message: 'refused: 169.254.169.254 is a cloud metadata service address' },
  { host: '0xa9fea9fe', message: 'refused: 169.254.169.254 is a cloud metadata service address' },
  { host: '10.0.0.1', message: 'refused: 10.0.0.1 is a private (RFC 1918) address' },
  { host: '100.64.0.1', message: /carrier-grade NAT/ },
  { host: '224.0.0.1', message: 'refused: 224.0.0.1 is a multicast address' },
  { host: '[fe80::1]', message: 'refused: fe80::1 is a link-local address' },
])('a redirect to $host is refused before any connection', async ({ host, message }) => {
  const inner = await startServer((_req, res) => res.end('internal'));
  const outer = await startServer((_req, res) =>
    res.writeHead(307, { location: `http://${host}:${inner.port}/latest/meta-data/` }).end(),
  );
  const error = await failure(
    safeFetch(outer.url('/go'), {
      timeoutMs: 5_000,
      connectTimeoutMs: 1_000,
      maxBytes: 1024 * 1024,
      maxRedirects: 5,
      allow: [outer.host],
    }),
  );
  expect(error.code).toBe('blocked_address');
  expect(error.retryable).toBe(false);
  if (typeof message === 'string') expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
  expect(inner.requests).toEqual([]);
});
