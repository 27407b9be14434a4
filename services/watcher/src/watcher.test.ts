import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Log, PAYLOADS, type PayloadInput } from '@stixmill/contracts';
import { safeFetch, USER_AGENT } from '@stixmill/safe-fetch';
import { startServer, type TestServer } from '@stixmill/safe-fetch/testing';
import { afterAll, expect, test } from 'vitest';
import { createFileWatcherState, createMemoryWatcherState, type WatcherStateStore } from './state.ts';
import { createWatcher, type FeedSpec, type WatcherFetch, type WatcherOptions } from './watcher.ts';

const silent: Log = { debug() {}, info() {}, warn() {}, error() {} };
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

function rss(items: string[]): string {
  const entries = items.map(
    (id, i) =>
      `<item><title>Release ${id}</title><link>/pr/${id}</link><guid>${id}</guid><pubDate>${new Date(Date.UTC(2025, 0, 1 + i)).toUTCString()}</pubDate></item>`,
  );
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>DOJ</title>${entries.join('')}</channel></rss>`;
}

/** A feed server whose entries the test changes; ETag is the entry list. */
async function feedServer(robots = 'User-agent: *\nDisallow: /private/\n') {
  const feed = { items: ['a', 'b'], status: 200 };
  const server = await startServer((req, res) => {
    if (req.url === '/robots.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end(robots);
    if (feed.status !== 200) return void res.writeHead(feed.status).end('down');
    const etag = `"${feed.items.join(',')}"`;
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag }).end(rss(feed.items));
  });
  return { server, feed };
}

/** safeFetch opened to the test server alone. */
function fetchFrom(server: TestServer): WatcherFetch {
  return (url, o) =>
    safeFetch(url, {
      timeoutMs: 5000,
      connectTimeoutMs: 1000,
      maxBytes: 1 << 20,
      maxRedirects: 3,
      allow: [server.host],
      ...o,
    });
}

interface Harness {
  submitted: PayloadInput<'reports.submitted'>[];
  slept: number[];
  clock: { t: number };
}

function watcherFor(
  server: TestServer,
  feeds: FeedSpec[],
  state: WatcherStateStore,
  options: Partial<WatcherOptions> = {},
  submit?: (p: PayloadInput<'reports.submitted'>) => Promise<{ reportId: string }>,
) {
  const h: Harness = { submitted: [], slept: [], clock: { t: Date.parse('2026-03-01T00:00:00Z') } };
  const watcher = createWatcher({
    feeds,
    state,
    log: silent,
    fetch: fetchFrom(server),
    submit:
      submit ??
      (async (payload) => {
        // What the watcher submits must pass the topic's contract.
        PAYLOADS['reports.submitted'].parse(payload);
        h.submitted.push(payload);
        return { reportId: `r-test-${h.submitted.length.toString().padStart(4, '0')}` };
      }),
    options: { intervalMs: 60_000, hostIntervalMs: 1000, ...options },
    now: () => new Date(h.clock.t),
    sleep: async (ms) => {
      h.slept.push(ms);
      h.clock.t += ms;
    },
  });
  return { watcher, h, urls: () => h.submitted.map((p) => (p.source.kind === 'url' ? p.source.url : '')) };
}

test('submits new entries once, asks with If-None-Match, and only new entries after the feed changes', async () => {
  const { server, feed } = await feedServer();
  const spec = { url: server.url('/feed.rss'), labels: ['doj'], tlp: 'green' as const };
  const { watcher, h, urls } = watcherFor(server, [spec], createMemoryWatcherState());

  await watcher.pollDue();
  expect(urls()).toEqual([server.url('/pr/a'), server.url('/pr/b')]);
  expect(h.submitted[0]?.context).toMatchObject({ tlp: 'green', labels: ['doj'], submittedBy: `watcher: ${spec.url}` });

  // Not due yet: nothing is fetched.
  const before = server.requests.length;
  await watcher.pollDue();
  expect(server.requests.length).toBe(before);

  h.clock.t += 60_000;
  await watcher.pollDue();
  expect(server.received.at(-1)).toMatchObject({
    path: '/feed.rss',
    headers: { 'if-none-match': '"a,b"', 'user-agent': USER_AGENT },
  });
  expect(watcher.status()[0]?.lastStatus).toBe('not-modified');

  feed.items = ['a', 'b', 'c'];
  h.clock.t += 60_000;
  await watcher.pollDue();
  expect(urls()).toEqual([server.url('/pr/a'), server.url('/pr/b'), server.url('/pr/c')]);
  expect(watcher.status()[0]).toMatchObject({ lastStatus: 'ok', submitted: 3, failures: 0 });
});

test('survives a restart without submitting anything twice (state in a JSON file)', async () => {
  const { server, feed } = await feedServer();
  const dir = await mkdtemp(join(tmpdir(), 'stixmill-watcher-'));
  dirs.push(dir);
  const file = join(dir, 'watcher', 'state.json');
  const spec = { url: server.url('/feed.rss') };

  const first = watcherFor(server, [spec], createFileWatcherState(file));
  await first.watcher.pollDue();
  expect(first.h.submitted).toHaveLength(2);

  feed.items = ['a', 'b', 'c'];
  // A new process: new watcher, same file. It keeps the saved schedule: nothing before it is due.
  const second = watcherFor(server, [spec], createFileWatcherState(file));
  await second.watcher.pollDue();
  expect(second.h.submitted).toEqual([]);
  second.h.clock.t += 120_000;
  await second.watcher.pollDue();
  expect(second.urls()).toEqual([server.url('/pr/c')]);
  const saved = JSON.parse(await readFile(file, 'utf8'));
  expect(saved[spec.url]).toMatchObject({ seen: ['a', 'b', 'c'], submitted: 3, lastStatus: 'ok' });
});

test('a failing entry is recorded and retried, and never holds back the others', async () => {
  const { server, feed } = await feedServer();
  feed.items = ['a', 'b', 'c'];
  let refuse = true;
  const accepted: string[] = [];
  const { watcher, h } = watcherFor(
    server,
    [{ url: server.url('/feed.rss') }],
    createMemoryWatcherState(),
    {},
    async (p) => {
      const url = p.source.kind === 'url' ? p.source.url : '';
      if (refuse && url.endsWith('/b')) throw new Error('bus unavailable');
      accepted.push(url);
      return { reportId: 'r-test-0001' };
    },
  );
  await watcher.pollDue();
  expect(accepted).toEqual([server.url('/pr/a'), server.url('/pr/c')]);
  const status = watcher.status()[0];
  expect(status?.itemErrors.b).toMatchObject({
    url: server.url('/pr/b'),
    attempts: 1,
    error: 'internal: bus unavailable',
  });

  refuse = false;
  h.clock.t += 60_000;
  await watcher.pollDue(); // the feed answers 304; the failed entry is retried anyway
  expect(accepted).toEqual([server.url('/pr/a'), server.url('/pr/c'), server.url('/pr/b')]);
  expect(watcher.status()[0]?.itemErrors).toEqual({});
});

test('an entry that keeps failing is given up after maxItemAttempts and stays visible', async () => {
  const { server } = await feedServer();
  const { watcher, h } = watcherFor(
    server,
    [{ url: server.url('/feed.rss') }],
    createMemoryWatcherState(),
    { maxItemAttempts: 2 },
    async (p) => {
      if (p.source.kind === 'url' && p.source.url.endsWith('/a')) throw new Error('refused');
      return { reportId: 'r-test-0001' };
    },
  );
  for (let i = 0; i < 3; i++) {
    await watcher.pollDue();
    h.clock.t += 60_000;
  }
  const status = watcher.status()[0];
  expect(status?.itemErrors.a?.attempts).toBe(2);
  expect(status?.seen).toContain('a');
});

test('errors back off exponentially and recover', async () => {
  const { server, feed } = await feedServer();
  feed.status = 503;
  const { watcher, h } = watcherFor(server, [{ url: server.url('/feed.rss') }], createMemoryWatcherState());
  const start = h.clock.t;
  await watcher.pollDue();
  expect(watcher.status()[0]).toMatchObject({ lastStatus: 'error', failures: 1 });
  expect(watcher.status()[0]?.lastError).toMatch(/^http_status: .* answered HTTP 503$/);
  expect(Date.parse(watcher.status()[0]?.nextPollAt ?? '') - h.clock.t).toBe(60_000);

  h.clock.t = Date.parse(watcher.status()[0]?.nextPollAt ?? '');
  await watcher.pollDue();
  expect(watcher.status()[0]?.failures).toBe(2);
  expect(Date.parse(watcher.status()[0]?.nextPollAt ?? '') - h.clock.t).toBe(120_000);

  feed.status = 200;
  h.clock.t = Date.parse(watcher.status()[0]?.nextPollAt ?? '');
  await watcher.pollDue();
  expect(watcher.status()[0]).toMatchObject({ lastStatus: 'ok', failures: 0, submitted: 2 });
  expect(h.clock.t).toBeGreaterThan(start);
});

test('robots.txt: a disallowed feed is not fetched, a disallowed entry is not submitted', async () => {
  const { server } = await feedServer('User-agent: *\nDisallow: /private/\nDisallow: /pr/b\n');
  const { watcher, urls } = watcherFor(
    server,
    [{ url: server.url('/private/feed.rss') }, { url: server.url('/feed.rss') }],
    createMemoryWatcherState(),
  );
  await watcher.pollDue();
  expect(server.requests).not.toContain('/private/feed.rss');
  expect(watcher.status()[0]).toMatchObject({ lastStatus: 'robots' });
  expect(urls()).toEqual([server.url('/pr/a')]);
  expect(watcher.status()[1]?.itemErrors.b?.error).toBe('robots.txt disallows it');
  // robots.txt is asked once for the host, not once per URL.
  expect(server.requests.filter((path) => path === '/robots.txt')).toHaveLength(1);
});

test('one host is asked at most once per hostIntervalMs', async () => {
  const { server } = await feedServer();
  const { watcher, h } = watcherFor(
    server,
    [{ url: server.url('/feed.rss') }, { url: server.url('/feed.rss?page=2') }],
    createMemoryWatcherState(),
    { hostIntervalMs: 2500 },
  );
  await watcher.pollDue();
  // robots.txt, then the first feed after 2.5 s, then the second after another 2.5 s.
  expect(h.slept).toEqual([2500, 2500]);
  expect(server.requests).toEqual(['/robots.txt', '/feed.rss', '/feed.rss?page=2']);
});

test('the first poll of a feed submits only its newest entries', async () => {
  const { server, feed } = await feedServer();
  feed.items = ['a', 'b', 'c', 'd', 'e'];
  const { watcher, urls } = watcherFor(server, [{ url: server.url('/feed.rss') }], createMemoryWatcherState(), {
    firstPollLimit: 2,
  });
  await watcher.pollDue();
  expect(urls()).toEqual([server.url('/pr/d'), server.url('/pr/e')]);
  expect(watcher.status()[0]?.seen.sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
});

test('start and stop: the loop polls and stop() returns', async () => {
  const { server } = await feedServer();
  const submitted: string[] = [];
  const watcher = createWatcher({
    feeds: [{ url: server.url('/feed.rss') }],
    state: createMemoryWatcherState(),
    log: silent,
    fetch: fetchFrom(server),
    submit: async (p) => {
      submitted.push(p.source.kind);
      return { reportId: 'r-test-0001' };
    },
    options: { hostIntervalMs: 0 },
  });
  watcher.start();
  await expect.poll(() => submitted.length).toBe(2);
  await watcher.stop();
  await watcher.stop();
});
