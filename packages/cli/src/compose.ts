import type { BlobStore } from '@stixmill/blobs';
import type { Stage } from '@stixmill/contracts';
import { createExporterStage } from '@stixmill/exporter';
import { extract } from '@stixmill/extract';
import { createExtractorStage, createExtractPool } from '@stixmill/extractor';
import { createFetcherStage, type FetcherConfig, type FetcherOutput, type Seen } from '@stixmill/fetcher';
import { createParsePool, createParserStage } from '@stixmill/parser';
import { type Config, ConfigError } from '@stixmill/runtime';
import { parseAllowList } from '@stixmill/safe-fetch';
import { createBudget } from '@stixmill/workers';

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

/**
 * Messages the parser and extractor take at once, per worker: more than the workers, because a
 * large document waiting for the byte budget holds its message, and a small report behind it must
 * still reach a free worker.
 */
const STAGE_SLOTS_PER_WORKER = 4;

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
 * `workers`: which stages run untrusted documents on worker threads within the configured budgets
 * (`all` in embedded mode; the parser and extractor services their own); the one-shot `extract`
 * reads its one document in its own thread (`none`).
 */
export function createPipeline(
  config: Config,
  deps: { blobs: BlobStore; seen?: Seen; clock?: () => Date; workers?: 'all' | 'parser' | 'extractor' | 'none' },
): Pipeline {
  const workers = deps.workers ?? 'none';
  // One budget for both pools of a process: a large document is read by one of them at a time.
  const budget = createBudget(config.STIXMILL_WORKER_BYTES);
  const parsePool =
    workers === 'all' || workers === 'parser'
      ? createParsePool({
          workers: config.STIXMILL_WORKERS,
          timeoutMs: config.STIXMILL_PARSE_TIMEOUT_MS,
          maxMemoryMb: config.STIXMILL_PARSE_MEMORY_MB,
        })
      : undefined;
  const extractPool =
    workers === 'all' || workers === 'extractor'
      ? createExtractPool({
          workers: config.STIXMILL_WORKERS,
          timeoutMs: config.STIXMILL_EXTRACT_TIMEOUT_MS,
          maxMemoryMb: config.STIXMILL_EXTRACT_MEMORY_MB,
        })
      : undefined;
  return {
    close: async () => {
      await Promise.all([parsePool?.close(), extractPool?.close()]);
    },
    fetcher: createFetcherStage({
      config: fetcherConfig(config),
      blobs: deps.blobs,
      ...(deps.seen ? { seen: deps.seen } : {}),
    }),
    parser: createParserStage({
      blobs: deps.blobs,
      inlineMaxBytes: config.STIXMILL_INLINE_MAX_BYTES,
      ...(parsePool
        ? {
            parse: (bytes, origin) => budget.run(bytes.length, () => parsePool.parse(bytes, origin)),
            concurrency: STAGE_SLOTS_PER_WORKER * config.STIXMILL_WORKERS,
          }
        : {}),
    }),
    extractor: createExtractorStage({
      blobs: deps.blobs,
      ...(extractPool
        ? {
            extract: (document) => budget.run(document.text.length, () => extractPool.extract(document)),
            concurrency: STAGE_SLOTS_PER_WORKER * config.STIXMILL_WORKERS,
          }
        : { extract: (document) => extract(document) }),
    }),
    exporter: createExporterStage({
      producerName: config.STIXMILL_PRODUCER_NAME,
      ...(deps.clock ? { clock: deps.clock } : {}),
    }),
  };
}
