import type { Findings, ParsedDocument } from '@stixmill/contracts';
import { createWorkerPool } from '@stixmill/workers';

// Extraction off the event loop: a large document costs seconds of CPU, which in embedded mode
// would stall the API and TAXII. On worker threads, each document within a time and heap budget.

const RECYCLE_ABOVE_CHARS = 1024 * 1024;

export interface ExtractPoolOptions {
  workers: number;
  timeoutMs: number;
  maxMemoryMb: number;
}

export interface ExtractPool {
  extract(document: ParsedDocument): Promise<Findings>;
  close(): Promise<void>;
}

export function createExtractPool(options: ExtractPoolOptions): ExtractPool {
  const pool = createWorkerPool<ParsedDocument, Findings>({
    script: new URL('./extract-worker.ts', import.meta.url),
    size: options.workers,
    timeoutMs: options.timeoutMs,
    maxMemoryMb: options.maxMemoryMb,
    // After a large document the thread is replaced, so the heap it grew goes back to the system.
    recycle: (document) => document.text.length > RECYCLE_ABOVE_CHARS,
    what: 'extraction',
    failure: 'extract_failed',
  });
  return { extract: (document) => pool.run(document), close: () => pool.close() };
}
