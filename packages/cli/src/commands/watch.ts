import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createKafkaBus } from '@stixmill/bus';
import { type Log, makeEnvelope, newReportId, type PayloadInput } from '@stixmill/contracts';
import { type Config, ConfigError, createLifecycle, createLogger, stopOnSignals } from '@stixmill/runtime';
import { safeFetch } from '@stixmill/safe-fetch';
import { createFileWatcherState, createWatcher, type FeedSpec, parseFeedSpecs, type Watcher } from '@stixmill/watcher';
import { fetcherConfig } from '../compose.ts';

// The feed watcher's composition: feeds from STIXMILL_FEEDS / STIXMILL_FEEDS_FILE, requests
// through the fetcher's safeFetch and limits, state under STIXMILL_DATA_DIR. `stixmill run`
// starts it in-process when feeds are configured; `stixmill watch` runs it alone.

export type Submit = (payload: PayloadInput<'reports.submitted'>) => Promise<{ reportId: string }>;

/** The configured feeds; [] when none. Throws ConfigError for a bad list or file. */
export function feedsOf(config: Config): FeedSpec[] {
  let file: { name: string; text: string } | undefined;
  const path = config.STIXMILL_FEEDS_FILE;
  try {
    if (path) file = { name: path, text: readFileSync(path, 'utf8') };
    return parseFeedSpecs({ urls: config.STIXMILL_FEEDS, ...(file ? { file } : {}) });
  } catch (error) {
    throw new ConfigError([`STIXMILL_FEEDS / STIXMILL_FEEDS_FILE: ${(error as Error).message}`]);
  }
}

export function watcherStatePath(config: Config): string {
  return join(config.STIXMILL_DATA_DIR, 'watcher', 'state.json');
}

/** A started watcher, or undefined when no feeds are configured. */
export function startWatcher(config: Config, deps: { submit: Submit; log: Log }): Watcher | undefined {
  const feeds = feedsOf(config);
  if (feeds.length === 0) return undefined;
  const limits = fetcherConfig(config);
  const watcher = createWatcher({
    feeds,
    submit: deps.submit,
    log: deps.log,
    state: createFileWatcherState(watcherStatePath(config)),
    fetch: (url, options) =>
      safeFetch(url, {
        timeoutMs: limits.timeoutMs,
        connectTimeoutMs: limits.connectTimeoutMs,
        maxBytes: limits.maxBytes,
        maxRedirects: limits.maxRedirects,
        allow: limits.allow,
        ...options,
      }),
    options: {
      intervalMs: config.STIXMILL_WATCH_INTERVAL_S * 1000,
      hostIntervalMs: config.STIXMILL_WATCH_HOST_INTERVAL_MS,
      defaultTlp: config.STIXMILL_DEFAULT_TLP,
    },
  });
  watcher.start();
  return watcher;
}

/** Submits through a running instance's API (`--server`). */
function submitOverHttp(server: string): Submit {
  return async (payload) => {
    if (payload.source.kind !== 'url') throw new Error('the watcher submits URLs only');
    const response = await fetch(`${server.replace(/\/+$/, '')}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: payload.source.url, tlp: payload.context.tlp, labels: payload.context.labels }),
    });
    const body = (await response.json().catch(() => ({}))) as { reportId?: string; message?: string };
    if (!response.ok || !body.reportId)
      throw new Error(`${server} refused the report (${response.status}) ${body.message ?? ''}`);
    return { reportId: body.reportId };
  };
}

/**
 * `stixmill watch`: the watcher alone. With `--server URL` it submits through that instance's
 * API; otherwise it publishes to reports.submitted on Kafka (distributed mode).
 */
export async function watchCommand(options: { config: Config; server?: string }): Promise<number> {
  const { config } = options;
  const log = createLogger({ level: config.STIXMILL_LOG_LEVEL, name: 'watcher' });
  if (feedsOf(config).length === 0) {
    throw new ConfigError(['no feeds to watch: set STIXMILL_FEEDS (URLs) or STIXMILL_FEEDS_FILE (a JSON file)']);
  }
  const lifecycle = createLifecycle(log);
  stopOnSignals(lifecycle);
  let submit: Submit;
  if (options.server) submit = submitOverHttp(options.server);
  else {
    const bus = createKafkaBus({
      brokers: config.KAFKA_BROKERS,
      clientId: `${config.KAFKA_CLIENT_ID}-watcher`,
      log,
      ...(config.STIXMILL_KAFKA_NAMESPACE ? { namespace: config.STIXMILL_KAFKA_NAMESPACE } : {}),
    });
    lifecycle.add({ name: 'bus', stop: () => bus.close() });
    submit = async (payload) => {
      const now = new Date();
      const reportId = newReportId(now);
      const context = { ...payload.context, submittedAt: now.toISOString() };
      await bus.publish('reports.submitted', makeEnvelope('reports.submitted', reportId, { ...payload, context }));
      return { reportId };
    };
  }
  const watcher = startWatcher(config, { submit, log });
  if (watcher) lifecycle.add({ name: 'watcher', stop: () => watcher.stop() });
  process.stderr.write(
    `watching ${watcher?.status().length ?? 0} feeds; state and status in ${watcherStatePath(config)}; stop with Ctrl-C\n`,
  );
  await lifecycle.stopped;
  return 0;
}
