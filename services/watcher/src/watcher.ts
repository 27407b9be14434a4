import { type Log, type PayloadInput, StageError, type Tlp, toStageError } from '@stixmill/contracts';
import type { FetchedResponse } from '@stixmill/safe-fetch';
import { type FeedItem, parseFeed } from './feeds.ts';
import { ALLOW_ALL, parseRobots, type RobotsRules } from './robots.ts';
import { emptyFeedState, type FeedState, type WatcherStateData, type WatcherStateStore } from './state.ts';

// Polls the feeds analysts care about and submits each new entry once. Polite: conditional
// GET, one request per host per interval, exponential backoff on errors, robots.txt obeyed.
// A failing entry is recorded and retried on later polls; it never holds back the others.

export interface FeedSpec {
  url: string;
  labels?: string[];
  tlp?: Tlp;
  /** Only entries with one of these topics/categories/components (case-insensitive). */
  topics?: string[];
}

export interface WatcherOptions {
  /** How often each feed is polled when all is well. */
  intervalMs: number;
  /** Least time between two requests to one host (feeds and robots.txt). */
  hostIntervalMs: number;
  /** Longest wait after repeated failures. */
  maxBackoffMs: number;
  /** On a feed's first poll only its newest entries are submitted; older ones count as seen. */
  firstPollLimit: number;
  /** After this many failed submissions an entry is given up (and stays visible as an error). */
  maxItemAttempts: number;
  /** The product token matched against robots.txt groups. */
  robotsAgent: string;
  defaultTlp: Tlp;
}

export const DEFAULT_WATCHER_OPTIONS: Readonly<WatcherOptions> = Object.freeze({
  intervalMs: 15 * 60_000,
  hostIntervalMs: 5_000,
  maxBackoffMs: 6 * 60 * 60_000,
  firstPollLimit: 10,
  maxItemAttempts: 5,
  robotsAgent: 'stixmill',
  defaultTlp: 'clear',
});

export type WatcherFetch = (
  url: string,
  options: { conditional?: { etag?: string; lastModified?: string }; signal?: AbortSignal },
) => Promise<FetchedResponse>;

export interface WatcherDeps {
  feeds: FeedSpec[];
  /** safeFetch with the fetcher's limits and allow-list bound in. */
  fetch: WatcherFetch;
  /** Puts a report on reports.submitted (the bus, the store's ledger, or a remote API). */
  submit: (payload: PayloadInput<'reports.submitted'>) => Promise<{ reportId: string }>;
  state: WatcherStateStore;
  log: Log;
  options?: Partial<WatcherOptions>;
  now?: () => Date;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface FeedStatus extends FeedState {
  url: string;
}

export interface Watcher {
  /** Polls every feed that is due now, one after the other. */
  pollDue(): Promise<void>;
  /** Polls in a loop until stop(). */
  start(): void;
  stop(): Promise<void>;
  status(): FeedStatus[];
}

const MAX_SEEN = 5000;

function realSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted || ms <= 0) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

function describe(error: unknown): string {
  const e = toStageError(error);
  return `${e.code}: ${e.message}`;
}

export function createWatcher(deps: WatcherDeps): Watcher {
  const options = { ...DEFAULT_WATCHER_OPTIONS, ...deps.options };
  const now = deps.now ?? (() => new Date());
  const sleep = deps.sleep ?? realSleep;
  const stopping = new AbortController();
  let state: WatcherStateData | undefined;
  const nextRequestAt = new Map<string, number>();
  const robotsCache = new Map<string, { rules: RobotsRules; until: number }>();
  let loop: Promise<void> | undefined;

  async function loaded(): Promise<WatcherStateData> {
    state ??= await deps.state.load();
    return state;
  }

  /** Waits until the host may be asked again, and books the next slot. */
  async function gate(url: string): Promise<void> {
    const host = new URL(url).host;
    const wait = (nextRequestAt.get(host) ?? 0) - now().getTime();
    if (wait > 0) await sleep(wait, stopping.signal);
    nextRequestAt.set(host, Math.max(now().getTime(), nextRequestAt.get(host) ?? 0) + options.hostIntervalMs);
  }

  /** robots.txt of the URL's origin, fetched at most once a day (RFC 9309, 2.4). */
  async function robotsFor(url: string): Promise<RobotsRules> {
    const origin = new URL(url).origin;
    const cached = robotsCache.get(origin);
    if (cached && cached.until > now().getTime()) return cached.rules;
    let rules: RobotsRules;
    try {
      await gate(origin);
      const response = await deps.fetch(`${origin}/robots.txt`, { signal: stopping.signal });
      rules = parseRobots(Buffer.from(response.body).toString('utf8'), options.robotsAgent);
    } catch (error) {
      const status = error instanceof StageError ? error.details?.status : undefined;
      // RFC 9309, 2.3.1.3: "unavailable" (4xx) means no rules; an unreachable one means keep out.
      if (typeof status === 'number' && status >= 400 && status < 500) rules = ALLOW_ALL;
      else {
        robotsCache.set(origin, { rules: { allows: () => false }, until: now().getTime() + options.intervalMs });
        throw error;
      }
    }
    robotsCache.set(origin, { rules, until: now().getTime() + 24 * 60 * 60_000 });
    return rules;
  }

  async function allowedByRobots(url: string): Promise<boolean> {
    const u = new URL(url);
    return (await robotsFor(url)).allows(`${u.pathname}${u.search}`);
  }

  function schedule(feed: FeedState, failed: boolean, retryAfterSeconds?: number): void {
    feed.failures = failed ? feed.failures + 1 : 0;
    const backoff = failed
      ? Math.min(options.maxBackoffMs, options.intervalMs * 2 ** (feed.failures - 1))
      : options.intervalMs;
    const wait = Math.max(backoff, (retryAfterSeconds ?? 0) * 1000);
    feed.nextPollAt = new Date(now().getTime() + wait).toISOString();
  }

  function payloadOf(spec: FeedSpec, item: FeedItem): PayloadInput<'reports.submitted'> {
    return {
      source: { kind: 'url', url: item.url },
      context: {
        tlp: spec.tlp ?? options.defaultTlp,
        labels: spec.labels ?? [],
        submittedBy: `watcher: ${spec.url}`.slice(0, 200),
        rerun: false,
      },
    };
  }

  function markSeen(feed: FeedState, key: string): void {
    feed.seen.push(key);
    if (feed.seen.length > MAX_SEEN) feed.seen.splice(0, feed.seen.length - MAX_SEEN);
  }

  async function submitItems(spec: FeedSpec, feed: FeedState, all: StateSaver, items: FeedItem[]) {
    for (const item of items) {
      if (stopping.signal.aborted) return;
      const previous = feed.itemErrors[item.key];
      try {
        if (!(await allowedByRobots(item.url))) {
          feed.itemErrors[item.key] = {
            url: item.url,
            error: 'robots.txt disallows it',
            attempts: 1,
            at: now().toISOString(),
          };
          markSeen(feed, item.key);
          continue;
        }
        const { reportId } = await deps.submit(payloadOf(spec, item));
        markSeen(feed, item.key);
        feed.submitted++;
        delete feed.itemErrors[item.key];
        deps.log.info({ feed: spec.url, url: item.url, reportId }, 'feed entry submitted');
      } catch (error) {
        const attempts = (previous?.attempts ?? 0) + 1;
        feed.itemErrors[item.key] = { url: item.url, error: describe(error), attempts, at: now().toISOString() };
        if (attempts >= options.maxItemAttempts) markSeen(feed, item.key);
        deps.log.error({ feed: spec.url, url: item.url, attempts, err: describe(error) }, 'feed entry not submitted');
      }
      // Saved after every entry: a restart never submits an entry twice.
      await all.save();
    }
  }

  interface StateSaver {
    save(): Promise<void>;
  }

  async function pollFeed(spec: FeedSpec, all: WatcherStateData): Promise<void> {
    const feed = all[spec.url] ?? emptyFeedState();
    all[spec.url] = feed;
    const saver: StateSaver = { save: () => deps.state.save(all) };
    const firstPoll = feed.lastPolledAt === undefined;
    feed.lastPolledAt = now().toISOString();
    let response: FetchedResponse;
    try {
      if (!(await allowedByRobots(spec.url))) {
        feed.lastStatus = 'robots';
        feed.lastError = `robots.txt of ${new URL(spec.url).host} disallows ${spec.url}`;
        schedule(feed, false);
        return await saver.save();
      }
      await gate(spec.url);
      const conditional = {
        ...(feed.etag ? { etag: feed.etag } : {}),
        ...(feed.lastModified ? { lastModified: feed.lastModified } : {}),
      };
      response = await deps.fetch(spec.url, {
        ...(feed.etag || feed.lastModified ? { conditional } : {}),
        signal: stopping.signal,
      });
    } catch (error) {
      const retryAfter = error instanceof StageError ? error.details?.retryAfterSeconds : undefined;
      feed.lastStatus = 'error';
      feed.lastError = describe(error);
      schedule(feed, true, typeof retryAfter === 'number' ? retryAfter : undefined);
      deps.log.warn({ feed: spec.url, err: feed.lastError, failures: feed.failures }, 'feed poll failed');
      return await saver.save();
    }
    if (response.etag) feed.etag = response.etag;
    if (response.lastModified) feed.lastModified = response.lastModified;
    // Entries that failed before are retried even when the feed has not changed.
    const retry = Object.entries(feed.itemErrors)
      .filter(([key]) => !feed.seen.includes(key))
      .map(([key, e]) => ({ key, url: e.url, topics: [] }));
    if (response.status === 304) {
      feed.lastStatus = 'not-modified';
      delete feed.lastError;
      schedule(feed, false);
      await submitItems(spec, feed, saver, retry);
      return await saver.save();
    }
    let items: FeedItem[];
    try {
      items = parseFeed(Buffer.from(response.body).toString('utf8'), {
        contentType: response.contentType,
        url: response.finalUrl,
      });
    } catch (error) {
      feed.lastStatus = 'error';
      feed.lastError = `parse_failed: ${(error as Error).message}`;
      // A broken feed body must be fetched whole again next time, not answered with 304.
      delete feed.etag;
      delete feed.lastModified;
      schedule(feed, true);
      return await saver.save();
    }
    const wanted = spec.topics?.map((t) => t.toLowerCase());
    const matching = wanted ? items.filter((i) => i.topics.some((t) => wanted.includes(t.toLowerCase()))) : items;
    const seen = new Set(feed.seen);
    let fresh = matching.filter((i) => !seen.has(i.key) && !(i.key in feed.itemErrors));
    if (firstPoll && fresh.length > options.firstPollLimit) {
      for (const old of fresh.slice(options.firstPollLimit)) markSeen(feed, old.key);
      fresh = fresh.slice(0, options.firstPollLimit);
    }
    feed.lastStatus = 'ok';
    delete feed.lastError;
    schedule(feed, false);
    // Oldest first, so reports arrive in the order they were published.
    await submitItems(spec, feed, saver, [...retry, ...fresh.reverse()]);
    await saver.save();
  }

  return {
    async pollDue() {
      const all = await loaded();
      for (const spec of deps.feeds) {
        if (stopping.signal.aborted) return;
        const next = all[spec.url]?.nextPollAt;
        if (next && Date.parse(next) > now().getTime()) continue;
        await pollFeed(spec, all);
      }
    },
    start() {
      loop ??= (async () => {
        while (!stopping.signal.aborted) {
          try {
            await this.pollDue();
          } catch (error) {
            deps.log.error({ err: describe(error) }, 'watcher round failed');
          }
          await sleep(Math.min(options.intervalMs, 30_000), stopping.signal);
        }
      })();
    },
    async stop() {
      stopping.abort();
      await loop;
    },
    status() {
      return deps.feeds.map((spec) => ({ url: spec.url, ...(state?.[spec.url] ?? emptyFeedState()) }));
    },
  };
}
