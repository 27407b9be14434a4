import type { Log } from '@stixmill/contracts';

// One lifecycle for every process: start parts in order, wait for a signal, stop them in
// reverse order (stop consuming, drain in-flight work, commit, close). stop() is safe twice.

export interface Part {
  name: string;
  stop(): Promise<void>;
}

export interface Lifecycle {
  /** Register something to stop at shutdown; parts stop in reverse order of adding. */
  add(part: Part): void;
  stop(reason?: string): Promise<void>;
  /** Resolves when stop() has finished. */
  readonly stopped: Promise<void>;
}

export function createLifecycle(log: Log, options: { stopTimeoutMs?: number } = {}): Lifecycle {
  const parts: Part[] = [];
  let stopping: Promise<void> | undefined;
  let markStopped: () => void = () => {};
  const stopped = new Promise<void>((resolve) => {
    markStopped = resolve;
  });
  const timeoutMs = options.stopTimeoutMs ?? 30_000;

  const stop = (reason = 'stop requested'): Promise<void> => {
    stopping ??= (async () => {
      log.info({ reason }, 'shutting down');
      for (const part of [...parts].reverse()) {
        const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs).unref());
        try {
          const result = await Promise.race([part.stop().then(() => 'ok' as const), timer]);
          if (result === 'timeout') log.warn({ part: part.name, timeoutMs }, 'part did not stop in time');
        } catch (error) {
          log.error({ part: part.name, err: String(error) }, 'part failed to stop');
        }
      }
      log.info({}, 'stopped');
      markStopped();
    })();
    return stopping;
  };

  return {
    add: (part) => {
      parts.push(part);
    },
    stop,
    stopped,
  };
}

/** Stop the lifecycle on SIGINT/SIGTERM; a second signal exits at once. */
export function stopOnSignals(lifecycle: Lifecycle): void {
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(130);
    signalled = true;
    void lifecycle.stop(signal).then(() => process.exit(0));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
