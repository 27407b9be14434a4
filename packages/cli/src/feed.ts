import { join } from 'node:path';
import { type BlobStore, createDirectoryBlobStore } from '@stixmill/blobs';
import { type Bus, type RunStageOptions, runStage } from '@stixmill/bus';
import { createConsole } from '@stixmill/console';
import type { PayloadInput } from '@stixmill/contracts';
import type { Config, Lifecycle } from '@stixmill/runtime';
import { openStore, type Store } from '@stixmill/store';
import { createHttpApp, createTaxiiStage, httpOptionsFromConfig, type RequestListener } from '@stixmill/taxii';
import { startTracker, submitReport } from './tracker.ts';

export interface Feed {
  store: Store;
  /** The API and TAXII routes, for the process's HTTP server. */
  app: RequestListener;
  /** Accept a report as the API does (the watcher submits through it too). */
  submit: (payload: PayloadInput<'reports.submitted'>) => Promise<{ reportId: string }>;
}

/**
 * An upload larger than `inlineMaxBytes` goes to the blob store and travels by reference: its
 * base64 would not fit a Kafka message (a 6 MiB file is 8 MiB of base64).
 */
export async function claimUpload(
  payload: PayloadInput<'reports.submitted'>,
  blobs: BlobStore,
  inlineMaxBytes: number,
): Promise<PayloadInput<'reports.submitted'>> {
  const { source } = payload;
  if (source.kind !== 'inline' || (source.base64.length * 3) / 4 <= inlineMaxBytes) return payload;
  const bytes = Buffer.from(source.base64, 'base64');
  const { base64: _inline, ...rest } = source;
  return { ...payload, source: { ...rest, kind: 'blob', ref: await blobs.put(bytes), size: bytes.length } };
}

/**
 * The feed side of a process, the same in embedded mode and in the distributed taxii service:
 * the store, the stage that fills it from stix.bundles, the report tracker and the HTTP app.
 * Each part is added to the lifecycle, so consumers stop before the store closes.
 */
export async function startFeed(
  config: Config,
  bus: Bus,
  lifecycle: Lifecycle,
  options: Pick<RunStageOptions, 'log' | 'metrics'>,
): Promise<Feed> {
  const { log } = options;
  const store = await openStore({ databaseUrl: config.DATABASE_URL, dataDir: join(config.STIXMILL_DATA_DIR, 'db') });
  lifecycle.add({ name: 'store', stop: () => store.close() });
  const storing = await runStage(bus, createTaxiiStage({ store, review: config.STIXMILL_REVIEW }), options);
  lifecycle.add({ name: 'taxii', stop: () => storing.stop() });
  const tracker = await startTracker(bus, store, log);
  lifecycle.add({ name: 'tracker', stop: () => tracker.stop() });
  const blobs = createDirectoryBlobStore(join(config.STIXMILL_DATA_DIR, 'blobs'));
  const submit = async (payload: PayloadInput<'reports.submitted'>) =>
    submitReport(bus, store, await claimUpload(payload, blobs, config.STIXMILL_INLINE_MAX_BYTES));
  // The analyst console on the same port, behind the same login (packages/console).
  const app = createHttpApp({ store, ...httpOptionsFromConfig(config), log, submit, fallback: createConsole() });
  return { store, app, submit };
}
