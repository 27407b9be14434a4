import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createDirectoryBlobStore } from '@stixmill/blobs';
import { createMemoryBus, runStage } from '@stixmill/bus';
import { createDirectorySeen } from '@stixmill/fetcher';
import { type Config, createLifecycle, createLogger, stopOnSignals } from '@stixmill/runtime';
import { DEFAULT_COLLECTION_ID } from '@stixmill/store';
import { createPipeline } from '../compose.ts';
import { startFeed } from '../feed.ts';
import { startWatcher } from './watch.ts';

/**
 * Embedded mode: every service in this process on the in-memory bus, the embedded database,
 * and the API + TAXII server on one port. Runs until SIGINT/SIGTERM.
 */
export async function runCommand(options: { config: Config }): Promise<number> {
  const { config } = options;
  const log = createLogger({ level: config.STIXMILL_LOG_LEVEL, name: 'stixmill' });
  const lifecycle = createLifecycle(log);
  stopOnSignals(lifecycle);

  const bus = createMemoryBus({ log });
  lifecycle.add({ name: 'bus', stop: () => bus.close() });
  const blobs = createDirectoryBlobStore(join(config.STIXMILL_DATA_DIR, 'blobs'));

  // What the fetcher has handed on survives a restart: the same document submitted tomorrow is
  // still a duplicate of today's report.
  const seen = createDirectorySeen(join(config.STIXMILL_DATA_DIR, 'seen'));
  const pipeline = createPipeline(config, { blobs, seen, workers: 'all' });
  lifecycle.add({ name: 'workers', stop: () => pipeline.close() });
  for (const stage of [pipeline.fetcher, pipeline.parser, pipeline.extractor, pipeline.exporter]) {
    const subscription = await runStage(bus, stage, { log });
    lifecycle.add({ name: stage.name, stop: () => subscription.stop() });
  }
  const { app, submit } = await startFeed(config, bus, lifecycle, { log });
  // Feeds configured: watch them in this process, submitting like the API does.
  const watcher = startWatcher(config, { submit, log });
  if (watcher) lifecycle.add({ name: 'watcher', stop: () => watcher.stop() });

  const server = createServer((req, res) => {
    app(req, res).catch((error: unknown) => {
      log.error({ err: String(error), url: req.url }, 'request failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"error":"internal error"}');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.STIXMILL_PORT, config.STIXMILL_HOST, resolve);
  });
  lifecycle.add({
    name: 'http',
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
  const { port } = server.address() as AddressInfo;
  const base = config.STIXMILL_PUBLIC_URL ?? `http://${config.STIXMILL_HOST}:${port}`;
  process.stdout.write(
    [
      `stixmill is running (embedded mode, data in ${config.DATABASE_URL ? 'PostgreSQL' : config.STIXMILL_DATA_DIR})`,
      `  submit a report:   stixmill submit URL|FILE --server ${base}   (or POST ${base}/api/reports)`,
      `  TAXII 2.1:         discovery ${base}/taxii2/   API root ${base}/api/v21/`,
      `  collection id:     ${DEFAULT_COLLECTION_ID} (alias default: every object; one per TLP level at ${base}/api/v21/collections/)`,
      `  the feed:          ${base}/api/v21/collections/${DEFAULT_COLLECTION_ID}/objects/`,
      config.STIXMILL_TAXII_USERS.length || config.STIXMILL_TAXII_TOKENS.length
        ? `  access:            ${config.STIXMILL_TAXII_USERS.length} user(s), ${config.STIXMILL_TAXII_TOKENS.length} API key(s)`
        : `  access:            open to anyone who can reach ${config.STIXMILL_HOST} (set STIXMILL_TAXII_USERS or STIXMILL_TAXII_TOKENS)`,
      '  stop with Ctrl-C',
      '',
    ].join('\n'),
  );
  log.info({ url: base }, 'listening');
  await lifecycle.stopped;
  return 0;
}
