import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import type { Resolver } from './dns.ts';
import { failure } from './fixtures/failure.ts';
import { startServer } from './fixtures/http-server.ts';
import { type SafeFetchOptions, safeFetch, USER_AGENT } from './http.ts';

const MiB = 1024 * 1024;

function options(allow: string[], more: Partial<SafeFetchOptions> = {}): SafeFetchOptions {
  return { timeoutMs: 10_000, connectTimeoutMs: 2_000, maxBytes: 8 * MiB, maxRedirects: 5, allow, ...more };
}

describe('safeFetch against real local servers', () => {
  test('fetches an allowed server with an honest User-Agent', async () => {
    let agent = '';
    const server = await startServer((req, res) => {
      agent = req.headers['user-agent'] ?? '';
      res.writeHead(200, { 'content-type': 'text/html; charset=UTF-8' }).end('<h1>Bybit</h1>');
    });
    const response = await safeFetch(server.url('/press'), options([server.host]));
    expect(response.status).toBe(200);
    expect(response.contentType).toBe('text/html; charset=utf-8');
    expect(Buffer.from(response.body).toString()).toBe('<h1>Bybit</h1>');
    expect(response.finalUrl).toBe(server.url('/press'));
    expect(agent).toBe(USER_AGENT);
    expect(USER_AGENT).toBe('stixmill/0.1 (+https://github.com/stixmill/stixmill)');
  });

  test('refuses 127.0.0.1 when it is not allowed, before any request', async () => {
    const server = await startServer((_req, res) => res.end('secret'));
    const error = await failure(safeFetch(server.url(), options([])));
    expect(error.code).toBe('blocked_address');
    expect(error.message).toBe('refused: 127.0.0.1 is a loopback address');
    expect(server.requests).toEqual([]);
  });

  test.each(['0x7f.1', '2130706433', '0177.0.0.1', '127.1'])(
    'a redirect to %s (another port, not allowed) is refused',
    async (spelling) => {
      const inner = await startServer((_req, res) => res.end('internal admin page'));
      const outer = await startServer((_req, res) =>
        res.writeHead(302, { location: `http://${spelling}:${inner.port}/admin` }).end(),
      );
      const error = await failure(safeFetch(outer.url('/start'), options([outer.host])));
      expect(error.code).toBe('blocked_address');
      expect(error.message).toBe('refused: 127.0.0.1 is a loopback address');
      expect(outer.requests).toEqual(['/start']);
      expect(inner.requests).toEqual([]);
    },
  );

  test('a redirect to another scheme is refused', async () => {
    const server = await startServer((_req, res) => res.writeHead(301, { location: 'file:///etc/passwd' }).end());
    const error = await failure(safeFetch(server.url(), options([server.host])));
    expect(error.code).toBe('blocked_address');
    expect(error.message).toMatch(/only http and https/);
  });

  test('follows up to maxRedirects relative redirects and refuses the one after', async () => {
    const server = await startServer((req, res) => {
      const n = Number(req.url?.slice(3));
      if (n < 20) res.writeHead(302, { location: `/r/${n + 1}` }).end();
      else res.writeHead(200, { 'content-type': 'text/plain' }).end('end');
    });
    const ok = await safeFetch(server.url('/r/15'), options([server.host]));
    expect(ok.finalUrl).toBe(server.url('/r/20'));
    expect(ok.redirects).toHaveLength(5);

    const error = await failure(safeFetch(server.url('/r/0'), options([server.host])));
    expect(error.code).toBe('http_status');
    expect(error.message).toMatch(/^gave up after 5 redirects/);
    expect(server.requests.slice(6)).toEqual(['/r/0', '/r/1', '/r/2', '/r/3', '/r/4', '/r/5']);
  });

  test('a 50 MB body is refused while streaming: the transfer stops near the limit', async () => {
    let sent = 0;
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      const pump = () => {
        while (sent < 50_000_000 && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    const before = process.memoryUsage();
    const error = await failure(safeFetch(server.url(), options([server.host], { maxBytes: 8 * MiB })));
    const after = process.memoryUsage();
    expect(error.code).toBe('too_large');
    expect(error.message).toBe(`refused: the document is larger than ${8 * MiB} bytes as received`);
    // The limit plus what fits in the socket buffers, far from the 50 MB offered.
    expect(sent).toBeLessThan(30_000_000);
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(40 * MiB);
  });

  test('a declared Content-Length over the limit is refused before the body', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': String(50_000_000) });
      res.write('%PDF-1.4');
    });
    const error = await failure(safeFetch(server.url(), options([server.host])));
    expect(error.code).toBe('too_large');
    expect(error.message).toMatch(/Content-Length 50000000/);
  });

  test('a gzip bomb is refused by its decompressed size', async () => {
    // 64 gzip members of 1 MiB of zeros: ~66 KB on the wire, 64 MiB decoded.
    const member = gzipSync(Buffer.alloc(MiB));
    const bomb = Buffer.concat(Array.from({ length: 64 }, () => member));
    const server = await startServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(bomb),
    );
    const error = await failure(safeFetch(server.url(), options([server.host], { maxBytes: 8 * MiB })));
    expect(bomb.length).toBeLessThan(200_000);
    expect(error.code).toBe('too_large');
    expect(error.message).toMatch(/once decompressed$/);
  });

  test('a gzip body within the limit is decoded', async () => {
    const server = await startServer((_req, res) =>
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'text/plain' }).end(gzipSync('Ronin bridge')),
    );
    const response = await safeFetch(server.url(), options([server.host]));
    expect(Buffer.from(response.body).toString()).toBe('Ronin bridge');
  });

  test('a type that is not a document is refused', async () => {
    const server = await startServer((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end('png'));
    const error = await failure(safeFetch(server.url(), options([server.host])));
    expect(error.code).toBe('unsupported_type');
    expect(error.message).toMatch(/^refused: content type image\/png is not a document type stixmill reads/);
  });

  test('an octet-stream body is sniffed', async () => {
    const server = await startServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end('%PDF-1.7\n...'),
    );
    expect((await safeFetch(server.url('/download'), options([server.host]))).contentType).toBe('application/pdf');
  });

  test('a server that stops sending times out, and is not retried: it will be as slow next time', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('the first part, then nothing');
    });
    const started = Date.now();
    const error = await failure(safeFetch(server.url(), options([server.host], { timeoutMs: 300 })));
    expect(error.code).toBe('timeout');
    expect(error.retryable).toBe(false);
    expect(error.message).toBe(
      `${server.host} sent the document too slowly: not all of it within 300 ms (not retried)`,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test('one slow source: a body trickling a byte at a time ends at the total deadline, not per read', async () => {
    let timer: NodeJS.Timeout | undefined;
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      // Each byte well inside any per-read timeout; the whole never arrives.
      timer = setInterval(() => res.write('x'), 50);
      res.on('close', () => clearInterval(timer));
    });
    const started = Date.now();
    const error = await failure(safeFetch(server.url(), options([server.host], { timeoutMs: 600 })));
    clearInterval(timer);
    expect(error.code).toBe('timeout');
    expect(error.retryable).toBe(false);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  test('a server that never answers times out, and may be tried again', async () => {
    const server = await startServer(() => undefined);
    const error = await failure(safeFetch(server.url(), options([server.host], { timeoutMs: 300 })));
    expect(error.code).toBe('timeout');
    expect(error.retryable).toBe(true);
    expect(error.message).toBe(`${server.host} did not finish within 300 ms`);
  });

  test.each([
    { status: 404, retryable: false },
    { status: 410, retryable: false },
    { status: 429, retryable: true },
    { status: 503, retryable: true },
  ])('HTTP $status is http_status with the status in details', async ({ status, retryable }) => {
    const server = await startServer((_req, res) => res.writeHead(status).end('no'));
    const error = await failure(safeFetch(server.url('/gone'), options([server.host])));
    expect(error.code).toBe('http_status');
    expect(error.details?.status).toBe(status);
    expect(error.retryable).toBe(retryable);
    expect(error.message).toBe(`${server.url('/gone')} answered HTTP ${status}`);
  });

  test('a refused connection is unreachable', async () => {
    const server = await startServer(() => undefined);
    const port = server.port;
    const closed = `127.0.0.1:${port === 65535 ? 1 : port + 1}`;
    const error = await failure(safeFetch(`http://${closed}/`, options([closed])));
    expect(error.code).toBe('unreachable');
  });
});

describe('DNS is resolved once per connection and the checked address is the one connected to', () => {
  function rebinding(...answers: string[]) {
    let calls = 0;
    const resolve: Resolver = async () => {
      const address = answers[Math.min(calls, answers.length - 1)] ?? '';
      calls++;
      return [{ address, family: 4 }];
    };
    return { resolve, calls: () => calls };
  }

  test('allowed answer first, other answer second: the first is used and DNS is asked once', async () => {
    const server = await startServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('pinned'));
    // rebind.test does not exist: only the pinned lookup can have reached the server.
    const dns = rebinding('127.0.0.1', '127.0.0.2');
    const response = await safeFetch(`http://rebind.test:${server.port}/`, options([server.host], dns));
    expect(Buffer.from(response.body).toString()).toBe('pinned');
    expect(dns.calls()).toBe(1);
  });

  test('refused answer first, allowed answer second: refused, nothing is sent', async () => {
    const server = await startServer((_req, res) => res.end('must not be reached'));
    const dns = rebinding('127.0.0.2', '127.0.0.1');
    const error = await failure(safeFetch(`http://rebind.test:${server.port}/`, options([server.host], dns)));
    expect(error.code).toBe('blocked_address');
    expect(error.message).toBe('refused: rebind.test resolves to 127.0.0.2, a loopback address');
    expect(server.requests).toEqual([]);
    expect(dns.calls()).toBe(1);
  });

  test('each redirect hop is resolved and checked again', async () => {
    const server = await startServer((req, res) => {
      if (req.url === '/start') res.writeHead(302, { location: `http://internal.test:${server.port}/admin` }).end();
      else res.end('admin');
    });
    const dns = rebinding('127.0.0.1', '10.0.0.8');
    const error = await failure(
      safeFetch(`http://public.test:${server.port}/start`, options([server.host], { resolve: dns.resolve })),
    );
    expect(error.code).toBe('blocked_address');
    expect(error.message).toBe('refused: internal.test resolves to 10.0.0.8, a private (RFC 1918) address');
    expect(server.requests).toEqual(['/start']);
  });
});

describe('conditional GET', () => {
  test('validators are returned, sent back, and a 304 is an empty answer, not an error', async () => {
    const seen: (string | undefined)[] = [];
    const server = await startServer((req, res) => {
      seen.push(req.headers['if-none-match']);
      if (req.headers['if-none-match'] === '"v1"') res.writeHead(304, { etag: '"v1"' }).end();
      else
        res
          .writeHead(200, {
            'content-type': 'application/rss+xml',
            etag: '"v1"',
            'last-modified': 'Tue, 01 Jul 2025 00:00:00 GMT',
          })
          .end('<rss/>');
    });
    const first = await safeFetch(server.url('/feed'), options([server.host]));
    expect(first).toMatchObject({ status: 200, etag: '"v1"', lastModified: 'Tue, 01 Jul 2025 00:00:00 GMT' });
    const second = await safeFetch(server.url('/feed'), options([server.host], { conditional: { etag: '"v1"' } }));
    expect(second.status).toBe(304);
    expect(second.body).toHaveLength(0);
    expect(second.etag).toBe('"v1"');
    expect(seen).toEqual([undefined, '"v1"']);
  });

  test('a 304 without having asked is still an error', async () => {
    const server = await startServer((_req, res) => res.writeHead(304).end());
    expect((await failure(safeFetch(server.url(), options([server.host])))).code).toBe('http_status');
  });

  test('Retry-After on a 429 is passed on in the details', async () => {
    const server = await startServer((_req, res) => res.writeHead(429, { 'retry-after': '120' }).end());
    const error = await failure(safeFetch(server.url(), options([server.host])));
    expect(error.details).toMatchObject({ status: 429, retryAfterSeconds: 120 });
    expect(error.retryable).toBe(true);
  });
});
