import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { eventually, ROOT, type Running, startStixmill } from '../support/cli.ts';

// `stixmill run` with a feed configured: the embedded watcher polls an RSS feed on a loopback
// server (opened to the fetcher with STIXMILL_FETCH_ALLOW, nothing else), submits each entry,
// and each entry goes through the whole pipeline to the TAXII store.

const page = (name: string) => readFileSync(join(ROOT, 'services/parser/src/fixtures', name));

let web: Server;
let stixmill: Running;
let base = '';
const requests: string[] = [];

beforeAll(async () => {
  web = createServer((req, res) => {
    requests.push(req.url ?? '');
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Press releases</title>
      <item><title>Indicted</title><link>${base}/usao-dc/pr/indicted</link><guid>pr-1</guid><pubDate>Thu, 16 May 2024 12:00:00 GMT</pubDate></item>
      <item><title>Advisory</title><link>${base}/advisories/aa25-023a</link><guid>pr-2</guid><pubDate>Thu, 23 Jan 2025 00:00:00 GMT</pubDate></item>
      </channel></rss>`;
    if (req.url === '/robots.txt') res.writeHead(404).end();
    else if (req.url === '/feed.rss')
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"1"' }).end(rss);
    else if (req.url === '/usao-dc/pr/indicted')
      res.writeHead(200, { 'content-type': 'text/html' }).end(page('doj-usao-press-release.html'));
    else if (req.url === '/advisories/aa25-023a')
      res.writeHead(200, { 'content-type': 'text/html' }).end(page('advisory-ioc-appendix.html'));
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
  const { port } = web.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  stixmill = await startStixmill({
    STIXMILL_FEEDS: `${base}/feed.rss`,
    STIXMILL_FETCH_ALLOW: `127.0.0.1:${port}`,
    STIXMILL_WATCH_HOST_INTERVAL_MS: '0',
  });
}, 90_000);

afterAll(async () => {
  await stixmill?.stop();
  await new Promise((r) => web?.close(r));
});

test('each feed entry is submitted once and reaches the store', async () => {
  let last: unknown;
  const reports = await eventually(
    async () => {
      const { reports } = (await (await fetch(`${stixmill.baseUrl}/api/reports`)).json()) as {
        reports: { stage: string; source?: string }[];
      };
      last = reports;
      return reports.length === 2 && reports.every((r) => r.stage === 'stored') ? reports : undefined;
    },
    'both feed entries stored',
    60_000,
  ).catch((error: unknown) => {
    throw new Error(
      `${error}\nreports: ${JSON.stringify(last)}\nweb requests: ${requests.join(' ')}\n${stixmill.stderr().slice(-4000)}`,
    );
  });
  expect(reports.map((r) => r.source).sort()).toEqual([`${base}/advisories/aa25-023a`, `${base}/usao-dc/pr/indicted`]);
  expect(requests.filter((r) => r === '/feed.rss')).toHaveLength(1);
  expect(requests.filter((r) => r === '/usao-dc/pr/indicted')).toHaveLength(1);
}, 90_000);
