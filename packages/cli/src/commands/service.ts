import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { createDirectoryBlobStore } from '@stixmill/blobs';
import { createKafkaBus, runStage } from '@stixmill/bus';
import { SERVICE_NAMES, type ServiceName } from '@stixmill/contracts';
import { type Config, createLifecycle, createLogger, stopOnSignals } from '@stixmill/runtime';
import { openStore } from '@stixmill/store';
import { createHttpApp, createTaxiiStage } from '@stixmill/taxii';
import { createPipeline } from '../compose.ts';
import { startTracker, submitReport } from '../tracker.ts';

/**
 * Distributed mode: one service in this process on Kafka, with /healthz and /readyz on
 * STIXMILL_PORT. The taxii service also serves the API and TAXII there and runs the tracker.
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
  let ready = false;

  const bus = createKafkaBus({ brokers: config.KAFKA_BROKERS, clientId: `${config.KAFKA_CLIENT_ID}-${service}`, log });
  lifecycle.add({ name: 'bus', stop: () => bus.close() });

  let app: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
  if (service === 'taxii') {
    const store = await openStore({ databaseUrl: config.DATABASE_URL, dataDir: join(config.STIXMILL_DATA_DIR, 'db') });
    lifecycle.add({ name: 'store', stop: () => store.close() });
    const storing = await runStage(bus, createTaxiiStage({ store }), { log });
    lifecycle.add({ name: 'taxii', stop: () => storing.stop() });
    const tracker = await startTracker(bus, store, log);
    lifecycle.add({ name: 'tracker', stop: () => tracker.stop() });
    app = createHttpApp({
      store,
      ...(config.STIXMILL_PUBLIC_URL ? { publicBaseUrl: config.STIXMILL_PUBLIC_URL } : {}),
      submit: (request) => submitReport(bus, store, request),
    });
  } else {
    const blobs = createDirectoryBlobStore(join(config.STIXMILL_DATA_DIR, 'blobs'));
    const stage = createPipeline(config, { blobs })[service];
    const subscription = await runStage(bus, stage as Parameters<typeof runStage>[1], { log });
    lifecycle.add({ name: service, stop: () => subscription.stop() });
  }
  ready = true;

  const server = createServer((req, res) => {
    if (req.url === '/healthz') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
    if (req.url === '/readyz') {
      return void res
        .writeHead(ready ? 200 : 503, { 'content-type': 'text/plain' })
        .end(ready ? 'ready\n' : 'starting\n');
    }
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
  lifecycle.add({ name: 'http', stop: () => new Promise<void>((resolve) => server.close(() => resolve())) });
  log.info({ service, port: config.STIXMILL_PORT }, 'service started');
  await lifecycle.stopped;
  return 0;
}
