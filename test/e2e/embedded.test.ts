import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eventually, ROOT, type Running, runCli, startStixmill } from '../support/cli.ts';

// The embedded mode end to end, as a user runs it: `stixmill run` in a child process, reports
// submitted over HTTP from a local web server, the indicators read back from the TAXII feed.

const TAXII = 'application/taxii+json;version=2.1';
const fixture = (name: string) => readFileSync(join(ROOT, 'test/fixtures/documents', name));

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function freePort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise((r) => server.close(r));
  return port;
}

interface Report {
  id: string;
  stage: string;
  error?: { code: string; message: string; stage?: string };
  counts?: Record<string, number>;
}

describe('stixmill run (embedded mode)', () => {
  let web: Server;
  let webBase: string;
  let stixmill: Running;
  let closedPort = 0;
  let trickleRequests = 0;

  beforeAll(async () => {
    web = createServer((req, res) => {
      switch (req.url) {
        case '/advisory.html':
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(fixture('itw-advisory.html'));
          return;
        case '/huge.html': {
          // 50 MB, streamed: the fetcher must stop reading at its limit.
          res.writeHead(200, { 'content-type': 'text/html' });
          const chunk = Buffer.alloc(1024 * 1024, 'a');
          let sent = 0;
          const pump = () => {
            while (sent < 50 && res.write(chunk)) sent++;
            if (sent >= 50) res.end();
            else
              res.once('drain', () => {
                sent++;
                pump();
              });
          };
          res.on('error', () => {});
          pump();
          return;
        }
        case '/nul.txt':
          // NUL bytes inside the sentences that become evidence: PostgreSQL jsonb refuses \u0000.
          res
            .writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
            .end(
              'Fake recruiter\u0000 portals\n\nThe\u0000 operators registered hirelancer-nul.net and served it from 45.137.21.77.\u0000\n',
            );
          return;
        case '/trickle.txt': {
          // A slow source: headers at once, then one byte a second, never finishing in time.
          trickleRequests++;
          res.writeHead(200, { 'content-type': 'text/plain' });
          const timer = setInterval(() => res.write('x'), 1000);
          res.on('close', () => clearInterval(timer));
          res.on('error', () => clearInterval(timer));
          return;
        }
        case '/to-loopback':
          res.writeHead(302, { location: 'http://127.0.0.1:9/secret' }).end();
          return;
        case '/logo.png':
          res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
          return;
        default:
          res.writeHead(404).end();
      }
    });
    const webPort = await listen(web);
    webBase = `http://127.0.0.1:${webPort}`;
    closedPort = await freePort();
    stixmill = await startStixmill({
      // Only the test server (and a closed port, for the unreachable case) may be private.
      STIXMILL_FETCH_ALLOW: `127.0.0.1:${webPort},127.0.0.1:${closedPort}`,
      STIXMILL_FETCH_TIMEOUT_MS: '8000',
    });
  }, 90_000);

  afterAll(async () => {
    await stixmill?.stop();
    await new Promise((r) => web?.close(r));
  });

  async function submit(body: unknown): Promise<string> {
    const res = await fetch(`${stixmill.baseUrl}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(202);
    const json = (await res.json()) as { reportId: string };
    return json.reportId;
  }

  async function settled(reportId: string): Promise<Report> {
    return eventually(
      async () => {
        const report = (await (await fetch(`${stixmill.baseUrl}/api/reports/${reportId}`)).json()) as Report;
        return report.stage === 'stored' || report.stage === 'failed' ? report : undefined;
      },
      `report ${reportId} to settle`,
      60_000,
    );
  }

  test.each([
    { label: 'an unreachable URL', path: () => `http://127.0.0.1:${closedPort}/`, code: 'unreachable' },
    { label: 'a 50 MB body', path: () => `${webBase}/huge.html`, code: 'too_large' },
    { label: 'a redirect to 127.0.0.1', path: () => `${webBase}/to-loopback`, code: 'blocked_address' },
    { label: 'a page that is not a document', path: () => `${webBase}/logo.png`, code: 'unsupported_type' },
    {
      label: 'a cloud metadata address',
      path: () => 'http://169.254.169.254/latest/meta-data/',
      code: 'blocked_address',
    },
  ])('$label fails at the fetcher with $code, and the pipeline keeps serving', async ({ path, code }) => {
    const report = await settled(await submit({ url: path() }));
    expect(report.stage).toBe('failed');
    expect(report.error?.code).toBe(code);
    expect(report.error?.stage).toBe('fetcher');
    const health = await fetch(`${stixmill.baseUrl}/healthz`);
    expect(health.status).toBe(200);
  });

  test('a report goes in over HTTP and its indicators come out of the TAXII feed', async () => {
    const reportId = await submit({ url: `${webBase}/advisory.html`, tlp: 'green' });
    const report = await settled(reportId);
    expect(report.error).toBeUndefined();
    expect(report.stage).toBe('stored');

    const discovery = await fetch(`${stixmill.baseUrl}/taxii2/`, { headers: { accept: TAXII } });
    expect(discovery.headers.get('content-type')).toBe(TAXII);
    const collections = (await (
      await fetch(`${stixmill.baseUrl}/api/v21/collections/`, { headers: { accept: TAXII } })
    ).json()) as { collections: { id: string }[] };
    const collection = collections.collections[0]?.id;
    expect(collection).toBeTruthy();

    const patterns: string[] = [];
    let next: string | undefined;
    do {
      const query = new URLSearchParams({ 'match[type]': 'indicator', limit: '50', ...(next ? { next } : {}) });
      const res = await fetch(`${stixmill.baseUrl}/api/v21/collections/${collection}/objects/?${query}`, {
        headers: { accept: TAXII },
      });
      expect(res.status).toBe(200);
      const page = (await res.json()) as { more?: boolean; next?: string; objects?: { pattern: string }[] };
      patterns.push(...(page.objects ?? []).map((o) => o.pattern));
      next = page.more ? page.next : undefined;
    } while (next);

    const joined = patterns.join('\n');
    expect(joined).toContain("[domain-name:value = 'hirelancer-talent.com']");
    expect(joined).toContain("[domain-name:value = 'devstaff-remote.net']");
    expect(joined).toContain("[ipv4-addr:value = '45.137.21.9']");
    expect(joined).toContain('9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08');
    // The publisher's own site, its share links and its press address are not indicators.
    expect(joined).not.toContain('northwind-lab.net');
    expect(joined).not.toContain('twitter.com');
  });

  test('one slow source stalls no other report, and is not fetched again', async () => {
    const slow = await submit({ url: `${webBase}/trickle.txt` });
    const normal = await submit({ url: `${webBase}/advisory.html`, rerun: true });
    const stored = await settled(normal);
    expect(stored.stage).toBe('stored');
    const meanwhile = (await (await fetch(`${stixmill.baseUrl}/api/reports/${slow}`)).json()) as Report;
    expect(meanwhile.stage).toBe('submitted');
    const failed = await settled(slow);
    expect(failed.stage).toBe('failed');
    expect(failed.error?.code).toBe('timeout');
    expect(failed.error?.message).toMatch(/too slowly.*not retried/);
    expect(trickleRequests).toBe(1);
  });

  test('NUL characters in a document: the report is stored, not retried and lost', async () => {
    const report = await settled(await submit({ url: `${webBase}/nul.txt` }));
    expect(report.error).toBeUndefined();
    expect(report.stage).toBe('stored');
    const collections = (await (
      await fetch(`${stixmill.baseUrl}/api/v21/collections/`, { headers: { accept: TAXII } })
    ).json()) as { collections: { id: string }[] };
    const res = await fetch(
      `${stixmill.baseUrl}/api/v21/collections/${collections.collections[0]?.id}/objects/?limit=1000`,
      { headers: { accept: TAXII } },
    );
    const body = await res.text();
    expect(body).toContain('hirelancer-nul.net');
    expect(body).not.toContain('\\u0000');
  });

  test('stixmill submit sends a file and follows it until its bundle is in the feed', async () => {
    const result = await runCli(
      ['submit', join(ROOT, 'test/fixtures/documents/npm-campaign.md'), '--server', stixmill.baseUrl],
      {
        timeoutMs: 90_000,
      },
    );
    expect(result.stderr).toMatch(/extracted/);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as { stage: string; counts: Record<string, number> };
    expect(summary.stage).toBe('stored');
    expect(summary.counts.objects).toBeGreaterThan(3);
  });

  test('submit prints the server reason for a refused report', async () => {
    // Regression: the report API's {error: {code, message}} was printed as "[object Object]".
    const dir = mkdtempSync(join(tmpdir(), 'stixmill-refused-'));
    const file = join(dir, 'empty.txt');
    writeFileSync(file, '');
    const result = await runCli(['submit', file, '--server', stixmill.baseUrl], { timeoutMs: 30_000 });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/refused the report \(400\): bad_request: the uploaded document is empty/);
    expect(result.stderr).not.toContain('[object Object]');
  });

  test('a malformed API request gets a clear 400, not a crash', async () => {
    const res = await fetch(`${stixmill.baseUrl}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'file:///etc/passwd' }),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/url/i);
  });
});
