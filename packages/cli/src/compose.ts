import type { BlobStore } from '@stixmill/blobs';
import type { Stage } from '@stixmill/contracts';
import { createExporterStage } from '@stixmill/exporter';
import { extract } from '@stixmill/extract';
import { createExtractorStage } from '@stixmill/extractor';
import {
  createFetcherStage,
  type FetcherConfig,
  type FetcherOutput,
  parseAllowList,
  type Seen,
} from '@stixmill/fetcher';
import { createParsePool, createParserStage } from '@stixmill/parser';
import { type Config, ConfigError } from '@stixmill/runtime';

// The composition root shared by every mode: config in, the four transforming stages out.
// Embedded, distributed and one-shot modes differ only in what joins the stages.

export function fetcherConfig(config: Config): FetcherConfig {
  try {
    parseAllowList(config.STIXMILL_FETCH_ALLOW);
  } catch (error) {
    // Seen at start-up, with the other configuration problems, not at the first fetch.
    throw new ConfigError([`STIXMILL_FETCH_ALLOW: ${(error as Error).message}`]);
  }
  return {
    timeoutMs: config.STIXMILL_FETCH_TIMEOUT_MS,
    connectTimeoutMs: config.STIXMILL_FETCH_CONNECT_TIMEOUT_MS,
    maxBytes: config.STIXMILL_FETCH_MAX_BYTES,
    maxRedirects: config.STIXMILL_FETCH_MAX_REDIRECTS,
    inlineMaxBytes: config.STIXMILL_INLINE_MAX_BYTES,
    allow: config.STIXMILL_FETCH_ALLOW,
    concurrency: config.STIXMILL_FETCH_CONCURRENCY,
  };
}

export interface Pipeline {
  fetcher: Stage<'reports.submitted', 'documents.fetched', FetcherOutput>;
  parser: Stage<'documents.fetched', 'documents.parsed'>;
  extractor: Stage<'documents.parsed', 'findings.extracted'>;
  exporter: Stage<'findings.extracted', 'stix.bundles'>;
  /** Stops the parse workers, if any. */
  close(): Promise<void>;
}

/**
 * `seen`: the fetcher's memory of documents, for dedupe; one-shot mode has none and dedupes nothing.
 * `workers`: parse on worker threads within the configured budgets (the long-running modes); the
 * one-shot `extract` parses its one document in its own thread.
 */
export function createPipeline(
  config: Config,
  deps: { blobs: BlobStore; seen?: Seen; clock?: () => Date; workers?: boolean },
): Pipeline {
  const pool = deps.workers
    ? createParsePool({
        workers: config.STIXMILL_PARSE_WORKERS,
        timeoutMs: config.STIXMILL_PARSE_TIMEOUT_MS,
        maxMemoryMb: config.STIXMILL_PARSE_MEMORY_MB,
      })
    : undefined;
  return {
    close: async () => pool?.close(),
    fetcher: createFetcherStage({
      config: fetcherConfig(config),
      blobs: deps.blobs,
      ...(deps.seen ? { seen: deps.seen } : {}),
    }),
    parser: createParserStage({
      blobs: deps.blobs,
      inlineMaxBytes: config.STIXMILL_INLINE_MAX_BYTES,
      ...(pool ? { parse: pool.parse } : {}),
    }),
    extractor: createExtractorStage({ extract, blobs: deps.blobs }),
    exporter: createExporterStage({
      producerName: config.STIXMILL_PRODUCER_NAME,
      ...(deps.clock ? { clock: deps.clock } : {}),
    }),
  };
}
