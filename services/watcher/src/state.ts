import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

// What the watcher remembers per feed across restarts: validators for conditional GET, the
// entries already handled, and the last outcome (the status an operator reads). A port with a
// memory twin and a JSON file; an integrator may back it with the store instead.

export interface ItemError {
  url: string;
  error: string;
  attempts: number;
  at: string;
}

export interface FeedState {
  etag?: string;
  lastModified?: string;
  /** Keys of entries submitted (or given up on), oldest first, capped. */
  seen: string[];
  /** Consecutive failed polls, for the backoff. */
  failures: number;
  lastPolledAt?: string;
  nextPollAt?: string;
  lastStatus?: 'ok' | 'not-modified' | 'error' | 'robots';
  lastError?: string;
  submitted: number;
  /** Entries whose submission failed, by key: visible, retried, never blocking the others. */
  itemErrors: Record<string, ItemError>;
}

export type WatcherStateData = Record<string, FeedState>;

export interface WatcherStateStore {
  load(): Promise<WatcherStateData>;
  save(state: WatcherStateData): Promise<void>;
}

export function emptyFeedState(): FeedState {
  return { seen: [], failures: 0, submitted: 0, itemErrors: {} };
}

export function createMemoryWatcherState(initial: WatcherStateData = {}): WatcherStateStore {
  let saved = structuredClone(initial);
  return {
    async load() {
      return structuredClone(saved);
    },
    async save(state) {
      saved = structuredClone(state);
    },
  };
}

/** A JSON file, replaced atomically (write then rename) so a crash never leaves half a file. */
export function createFileWatcherState(path: string): WatcherStateStore {
  return {
    async load() {
      try {
        return JSON.parse(await readFile(path, 'utf8')) as WatcherStateData;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
        throw error;
      }
    },
    async save(state) {
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.tmp`;
      await writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`);
      await rename(temporary, path);
    },
  };
}
