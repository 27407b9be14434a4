import { Worker } from 'node:worker_threads';
import { type ErrorCode, StageError } from '@stixmill/contracts';
import type { Reply, Task } from './protocol.ts';

// Up to `size` worker threads running one script (which calls serveTasks), started when there is
// work and let go after `idleMs` without any, so an idle process holds none. Each task gets a
// deadline and each worker a heap limit: a task past its deadline has its worker terminated and
// replaced, and fails as too costly; a worker out of memory likewise. Neither is retried: the same
// document would cost the same again.

export interface WorkerPoolOptions<In> {
  /** The worker's entry module (it calls serveTasks). */
  script: URL;
  /** Worker threads at most (default 1). */
  size?: number;
  /** A worker without a task this long is let go (default 30 s). */
  idleMs?: number;
  /** Wall-clock budget of one task; the worker is terminated past it. */
  timeoutMs: number;
  /** Heap budget of one worker (V8 old generation), in MiB. */
  maxMemoryMb?: number;
  /** Names the work in errors: "parsing took longer than ...". */
  what: string;
  /**
   * Whether a worker is replaced after this task: V8 keeps a heap grown for a large document long
   * after, so the thread that read one is let go and its memory with it.
   */
  recycle?: (input: In) => boolean;
  /** The code of a task that threw something other than a StageError (a bug or a hostile input). */
  failure: Extract<ErrorCode, 'parse_failed' | 'extract_failed'>;
}

export interface WorkerPool<In, Out> {
  run(input: In): Promise<Out>;
  /** Worker threads alive now. */
  threads(): number;
  /** Terminates the workers; tasks still queued or running fail. */
  close(): Promise<void>;
}

interface Pending<In, Out> {
  task: Task<In>;
  resolve: (value: Out) => void;
  reject: (error: unknown) => void;
}

interface Slot<In, Out> {
  worker?: Worker | undefined;
  busy?: (Pending<In, Out> & { timer: NodeJS.Timeout }) | undefined;
  idle?: NodeJS.Timeout | undefined;
}

export function createWorkerPool<In, Out>(options: WorkerPoolOptions<In>): WorkerPool<In, Out> {
  const size = options.size ?? 1;
  const queue: Pending<In, Out>[] = [];
  const slots: Slot<In, Out>[] = [];
  let nextId = 1;
  let closed = false;

  const fail = (slot: Slot<In, Out>, error: unknown) => {
    const busy = slot.busy;
    if (!busy) return;
    clearTimeout(busy.timer);
    slot.busy = undefined;
    busy.reject(error);
  };

  const retire = (slot: Slot<In, Out>) => {
    clearTimeout(slot.idle);
    slot.idle = undefined;
    slot.worker?.removeAllListeners();
    slot.worker?.terminate().catch(() => undefined);
    slot.worker = undefined;
  };

  /** A worker gone wrong (or grown large) is thrown away; the next task starts a fresh one. */
  const replace = (slot: Slot<In, Out>) => {
    retire(slot);
    if (!closed) pump();
  };

  function spawn(slot: Slot<In, Out>): Worker {
    const worker = new Worker(options.script, {
      ...(options.maxMemoryMb ? { resourceLimits: { maxOldGenerationSizeMb: options.maxMemoryMb } } : {}),
    });
    worker.unref();
    worker.on('message', (reply: Reply<Out>) => {
      const busy = slot.busy;
      if (!busy || busy.task.id !== reply.id) return;
      clearTimeout(busy.timer);
      slot.busy = undefined;
      // A thread that read a large document is let go, and the heap it grew with it.
      if (options.recycle?.(busy.task.input)) retire(slot);
      if (reply.ok) busy.resolve(reply.value);
      else {
        const { message, code, retryable, details } = reply.error;
        busy.reject(
          code
            ? new StageError(code, message, {
                ...(retryable === undefined ? {} : { retryable }),
                ...(details ? { details } : {}),
              })
            : new StageError(options.failure, `${options.what} failed: ${message}`),
        );
      }
      pump();
      rest(slot);
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      fail(
        slot,
        new StageError(
          'too_large',
          outOfMemory
            ? `${options.what} ran out of its ${options.maxMemoryMb} MiB memory budget: the document is too costly to read`
            : `${options.what} crashed: ${error.message}`,
          { cause: error, retryable: false },
        ),
      );
      replace(slot);
    });
    worker.on('exit', () => {
      if (closed || slot.worker !== worker) return;
      fail(slot, new StageError('internal', `the ${options.what} worker exited`));
      replace(slot);
    });
    return worker;
  }

  function pump() {
    // Warm workers first; a slot without one starts it.
    const free = slots.filter((s) => !s.busy).sort((a, b) => Number(!a.worker) - Number(!b.worker));
    for (const slot of free) {
      if (closed) return;
      const pending = queue.shift();
      if (!pending) return;
      clearTimeout(slot.idle);
      slot.idle = undefined;
      slot.worker ??= spawn(slot);
      const timer = setTimeout(() => {
        fail(
          slot,
          new StageError(
            'too_large',
            `${options.what} took longer than ${options.timeoutMs} ms: the document is too costly to read`,
            { retryable: false },
          ),
        );
        replace(slot);
      }, options.timeoutMs);
      slot.busy = { ...pending, timer };
      slot.worker.postMessage(pending.task);
    }
  }

  /** After a task: the worker waits for the next one, and is let go if none comes. */
  const rest = (slot: Slot<In, Out>) => {
    if (slot.busy || !slot.worker) return;
    clearTimeout(slot.idle);
    slot.idle = setTimeout(() => retire(slot), options.idleMs ?? 30_000);
    slot.idle.unref();
  };

  for (let i = 0; i < size; i++) slots.push({});

  return {
    run(input) {
      if (closed) return Promise.reject(new Error('the worker pool is closed'));
      return new Promise<Out>((resolve, reject) => {
        queue.push({ task: { id: nextId++, input }, resolve, reject });
        pump();
      });
    },
    threads: () => slots.filter((s) => s.worker).length,
    async close() {
      closed = true;
      for (const pending of queue.splice(0)) pending.reject(new StageError('internal', 'the worker pool closed'));
      for (const slot of slots) fail(slot, new StageError('internal', 'the worker pool closed'));
      await Promise.all(
        slots.map((s) => {
          clearTimeout(s.idle);
          return s.worker?.terminate().catch(() => undefined);
        }),
      );
    },
  };
}
