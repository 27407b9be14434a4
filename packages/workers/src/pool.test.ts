import { afterEach, describe, expect, test } from 'vitest';
import { createWorkerPool, type WorkerPool } from './pool.ts';

const script = new URL('./fixtures/task-worker.ts', import.meta.url);
const pools: WorkerPool<unknown, unknown>[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

function pool(options: { timeoutMs?: number; maxMemoryMb?: number; size?: number; idleMs?: number } = {}) {
  const created = createWorkerPool<unknown, unknown>({
    script,
    timeoutMs: options.timeoutMs ?? 10_000,
    what: 'parsing',
    failure: 'parse_failed',
    ...(options.maxMemoryMb ? { maxMemoryMb: options.maxMemoryMb } : {}),
    ...(options.size ? { size: options.size } : {}),
    ...(options.idleMs ? { idleMs: options.idleMs } : {}),
  });
  pools.push(created);
  return created;
}

describe('worker pool', () => {
  test('runs tasks on a worker and returns their results', async () => {
    const p = pool({ size: 2 });
    expect(await Promise.all(['a', 'b', 'c'].map((value) => p.run({ kind: 'echo', value })))).toEqual(['A', 'B', 'C']);
  });

  test('a task past its deadline fails as too costly, not retried; the event loop stayed free; the next task runs', async () => {
    const p = pool({ timeoutMs: 500 });
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 20);
    const error = await p.run({ kind: 'spin' }).catch((e: unknown) => e);
    clearInterval(ticker);
    expect(error).toMatchObject({ code: 'too_large', retryable: false, message: /parsing took longer than 500 ms/ });
    // The spin ran on another thread: this one kept its timers.
    expect(ticks).toBeGreaterThan(5);
    expect(await p.run({ kind: 'echo', value: 'after' })).toBe('AFTER');
  });

  test('threads start with work and are let go when idle', async () => {
    const p = pool({ size: 3, idleMs: 100 });
    expect(p.threads()).toBe(0);
    await Promise.all(['a', 'b'].map((value) => p.run({ kind: 'echo', value })));
    expect(p.threads()).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(p.threads()).toBe(0);
    expect(await p.run({ kind: 'echo', value: 'c' })).toBe('C');
  });

  test('a StageError keeps its code and retryability across the thread', async () => {
    await expect(pool().run({ kind: 'stage-error' })).rejects.toMatchObject({
      code: 'no_text',
      retryable: false,
      message: 'the PDF has no text layer (scanned?)',
    });
  });

  test('any other error fails the task with the pool failure code', async () => {
    await expect(pool().run({ kind: 'throw' })).rejects.toMatchObject({
      code: 'parse_failed',
      retryable: false,
      message: 'parsing failed: cannot read properties of undefined',
    });
  });

  test('a task past the memory budget fails as too costly and the worker is replaced', async () => {
    const p = pool({ maxMemoryMb: 64 });
    await expect(p.run({ kind: 'hog' })).rejects.toMatchObject({
      code: 'too_large',
      retryable: false,
      message: /ran out of its 64 MiB memory budget/,
    });
    expect(await p.run({ kind: 'echo', value: 'again' })).toBe('AGAIN');
  }, 60_000);
});
