import type { ParsedDocument } from '@stixmill/contracts';
import { createWorkerPool } from '@stixmill/workers';
import type { DocumentOrigin } from './types.ts';

// Parsing untrusted documents off the event loop: on worker threads, each document within a time
// and heap budget (see @stixmill/workers), so a hostile page can cost at most its budget and never
// stall the process's other work (the API and TAXII, in embedded mode).

const RECYCLE_ABOVE_BYTES = 1024 * 1024;

export interface ParsePoolOptions {
  workers: number;
  timeoutMs: number;
  maxMemoryMb: number;
}

export interface ParsePool {
  parse(bytes: Uint8Array, origin: DocumentOrigin): Promise<ParsedDocument>;
  close(): Promise<void>;
}

export function createParsePool(options: ParsePoolOptions): ParsePool {
  const pool = createWorkerPool<{ bytes: Uint8Array; origin: DocumentOrigin }, ParsedDocument>({
    script: new URL('./parse-worker.ts', import.meta.url),
    size: options.workers,
    timeoutMs: options.timeoutMs,
    maxMemoryMb: options.maxMemoryMb,
    // After a large document the thread is replaced, so the heap it grew goes back to the system.
    recycle: (input) => input.bytes.length > RECYCLE_ABOVE_BYTES,
    what: 'parsing',
    failure: 'parse_failed',
  });
  return { parse: (bytes, origin) => pool.run({ bytes, origin }), close: () => pool.close() };
}
