// How many messages one subscriber works on at once, across all its partitions. Within a
// partition, messages with the same key (one report) still go one at a time and in order, and an
// offset is committed only when every message before it is done: concurrency never costs order
// for a report or a message on a crash.

export interface Slots {
  /** Takes a slot if one is free. */
  tryTake(): boolean;
  /** Waits for a free slot and takes it; rejects when the signal aborts first. */
  take(signal: AbortSignal): Promise<void>;
  release(): void;
  /** Called after each release, so a waiting partition can start its next message. */
  onRelease(listener: () => void): void;
}

export function createSlots(limit: number): Slots {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`concurrency must be a positive integer, not ${limit}`);
  let used = 0;
  const waiting: (() => void)[] = [];
  const listeners: (() => void)[] = [];
  return {
    tryTake() {
      if (used >= limit) return false;
      used++;
      return true;
    },
    take(signal) {
      if (used < limit) {
        used++;
        return Promise.resolve();
      }
      return new Promise((resolve, reject) => {
        const wake = () => {
          signal.removeEventListener('abort', onAbort);
          used++;
          resolve();
        };
        const onAbort = () => {
          const at = waiting.indexOf(wake);
          if (at >= 0) waiting.splice(at, 1);
          reject(signal.reason);
        };
        if (signal.aborted) return reject(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        waiting.push(wake);
      });
    },
    release() {
      used--;
      const next = waiting.shift();
      if (next) next();
      for (const listener of listeners) listener();
    },
    onRelease(listener) {
      listeners.push(listener);
    },
  };
}
