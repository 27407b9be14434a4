import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createDirectoryBlobStore } from '@stixmill/blobs';
import { createKafkaBus, runStage } from '@stixmill/bus';
import { SERVICE_NAMES, type ServiceName } from '@stixmill/contracts';
import { createDirectorySeen } from '@stixmill/fetcher';
import {
  type Config,
  createLifecycle,
  createLogger,
  createMetrics,
  createOpsRoutes,
  stopOnSignals,
} from '@stixmill/runtime';
import { createPipeline } from '../compose.ts';
import { startFeed } from '../feed.ts';

/**
 * Distributed mode: one service in this process on Kafka, with /healthz, /readyz (its consumers
 * hold their place in their groups) and /metrics (Prometheus) on STIXMILL_PORT. The taxii service
 * also serves the API and TAXII there and runs the tracker. SIGTERM: stop taking messages, finish
 * or hand back the one in hand, commit, leave the group, exit 0.
 */
export async function serviceCommand(name: string, options: { config: Config }): Promise<number> {
  if (!(SERVICE_NAMES as readonly string[]).includes(name)) {
    throw new Error(`unknown service "${name}": one of ${SERVICE_NAMES.join(', ')}`);
  }
  const service = name as ServiceName;
  const { config } = options;
  const log = createLogger({ level: config.STIXMILL_LOG_LEVEL, name: service });
  const lifecycle = createLifecycle(log);
  stopOnSignals(lifecycle);
  let started = false;
  const metrics = createMetrics({ service });

  const bus = createKafkaBus({
    brokers: config.KAFKA_BROKERS,
    clientId: `${config.KAFKA_CLIENT_ID}-${service}`,
    log,
    metrics,
    ...(config.STIXMILL_KAFKA_NAMESPACE ? { namespace: config.STIXMILL_KAFKA_NAMESPACE } : {}),
  });

  // Listening first: liveness and metrics answer while the consumers join their groups, and
  // /readyz says 503 until they have.
  let app: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
  const ops = createOpsRoutes({ ready: () => started && bus.ready(), waiting: () => bus.waiting(), metrics });
  const server = createServer((req, res) => {
    if (ops(req, res)) return;
    if (app) {
      app(req, res).catch((error: unknown) => {
        log.error({ err: String(error) }, 'request failed');
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.STIXMILL_PORT, config.STIXMILL_HOST, resolve);
  });
  // Added first, so stopped last: health answers until the consumers have drained.
  lifecycle.add({ name: 'http', stop: () => new Promise<void>((resolve) => server.close(() => resolve())) });
  lifecycle.add({ name: 'bus', stop: () => bus.close() });

  try {
    if (service === 'taxii') {
      app = (await startFeed(config, bus, lifecycle, { log, metrics })).app;
    } else {
      const blobs = createDirectoryBlobStore(join(config.STIXMILL_DATA_DIR, 'blobs'));
      // Scaled fetchers share the dedupe memory as fetcher and parser share the blobs: one volume.
      const seen = createDirectorySeen(join(config.STIXMILL_DATA_DIR, 'seen'));
      // The parser and the extractor run untrusted documents on worker threads.
      const workers = service === 'parser' || service === 'extractor' ? service : 'none';
      const pipeline = createPipeline(config, { blobs, seen, workers });
      lifecycle.add({ name: 'workers', stop: () => pipeline.close() });
      const stage = pipeline[service];
      const subscription = await runStage(bus, stage as Parameters<typeof runStage>[1], { log, metrics });
      lifecycle.add({ name: service, stop: () => subscription.stop() });
    }
  } catch (error) {
    await lifecycle.stop('start-up failed');
    throw error;
  }
  started = true;
  const port = (server.address() as AddressInfo).port;
  log.info({ service, port, namespace: config.STIXMILL_KAFKA_NAMESPACE || undefined }, 'service started');
  await lifecycle.stopped;
  return 0;
}
