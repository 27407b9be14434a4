import { type DeadLetter, type Envelope, makeEnvelope, StageError } from '@stixmill/contracts';
import { afterEach, describe, expect, test } from 'vitest';
import { checkConcurrency } from './concurrency.contract.ts';
import { createMemoryBus, type MemoryBus } from './index.ts';

const fastRetry = { maxAttempts: 3, initialBackoffMs: 1, maxBackoffMs: 2 };
const buses: MemoryBus[] = [];
afterEach(async () => {
  await Promise.all(buses.splice(0).map((b) => b.close()));
});

function newBus(): MemoryBus {
  const bus = createMemoryBus({ partitions: 4 });
  buses.push(bus);
  return bus;
}

function submitted(reportId: string, n = 0): Envelope<'reports.submitted'> {
  return makeEnvelope('reports.submitted', reportId, {
    source: { kind: 'url', url: `https://reports.example/${n}` },
    context: {},
  });
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('memory bus', () => {
  test('delivers a validated message to a subscriber', async () => {
    const bus = newBus();
    const got: Envelope<'reports.submitted'>[] = [];
    await bus.subscribe('reports.submitted', { group: 'g', stage: 'fetcher' }, async (e) => {
      got.push(e);
    });
    await bus.publish('reports.submitted', submitted('report-0001'));
    await until(() => got.length === 1, 'delivery');
    expect(got[0]?.payload.context.tlp).toBe('clear');
  });

  test('refuses to publish a message that breaks its contract', async () => {
    const bus = newBus();
    const bad = { ...submitted('report-0001'), payload: { source: { kind: 'url', url: 'ftp://x' }, context: {} } };
    await expect(bus.publish('reports.submitted', bad as never)).rejects.toThrow(/does not match its contract/);
  });

  test('an invalid message goes to the DLQ with the zod reason and the service keeps consuming', async () => {
    const bus = newBus();
    const letters: DeadLetter[] = [];
    const handled: string[] = [];
    await bus.subscribeDeadLetters('reports.submitted', 'dlq-reader', async (l) => {
      letters.push(l);
    });
    await bus.subscribe('reports.submitted', { group: 'g', stage: 'fetcher' }, async (e) => {
      handled.push(e.reportId);
    });
    await bus.publishRaw('reports.submitted', 'report-0001', '{"not":"an envelope"}');
    await bus.publish('reports.submitted', submitted('report-0001'));
    await until(() => letters.length === 1 && handled.length === 1, 'dead letter and next message');
    expect(letters[0]?.error.code).toBe('invalid_message');
    expect(letters[0]?.error.message).toMatch(/payload/);
    expect(letters[0]?.original.value).toBe('{"not":"an envelope"}');
    expect(letters[0]?.stage).toBe('fetcher');
  });

  test("an observer that skips invalid messages leaves the dead-lettering to the topic's owner", async () => {
    const bus = newBus();
    const letters: DeadLetter[] = [];
    const seenByObserver: string[] = [];
    await bus.subscribeDeadLetters('reports.submitted', 'dlq-reader', async (l) => {
      letters.push(l);
    });
    await bus.subscribe('reports.submitted', { group: 'g', stage: 'fetcher' }, async () => {});
    await bus.subscribe('reports.submitted', { group: 'tracker', stage: 'tracker', invalid: 'skip' }, async (e) => {
      seenByObserver.push(e.reportId);
    });
    await bus.publishRaw('reports.submitted', 'report-0001', 'garbage');
    await bus.publish('reports.submitted', submitted('report-0002'));
    await until(() => seenByObserver.length === 1 && letters.length === 1, 'the observer and one dead letter');
    expect(letters.map((l) => l.stage)).toEqual(['fetcher']);
    expect(seenByObserver).toEqual(['report-0002']);
  });

  test('a retryable failure is retried, then succeeds', async () => {
    const bus = newBus();
    let calls = 0;
    await bus.subscribe('reports.submitted', { group: 'g', stage: 'fetcher', retry: fastRetry }, async () => {
      calls++;
      if (calls < 3) throw new StageError('unreachable', 'connection refused');
    });
    await bus.publish('reports.submitted', submitted('report-0001'));
    await until(() => calls === 3, 'third attempt');
  });

  test.each([
    { label: 'retryable, out of attempts', error: new StageError('timeout', 'slow'), attempts: 3 },
    { label: 'not retryable', error: new StageError('too_large', 'too big'), attempts: 1 },
    { label: 'a plain Error (internal, retryable)', error: new Error('boom'), attempts: 3 },
  ])('$label: dead-lettered after $attempts attempt(s)', async ({ error, attempts }) => {
    const bus = newBus();
    const letters: DeadLetter[] = [];
    let calls = 0;
    await bus.subscribeDeadLetters('reports.submitted', 'dlq-reader', async (l) => {
      letters.push(l);
    });
    await bus.subscribe('reports.submitted', { group: 'g', stage: 'fetcher', retry: fastRetry }, async () => {
      calls++;
      throw error;
    });
    await bus.publish('reports.submitted', submitted('report-0001'));
    await until(() => letters.length === 1, 'dead letter');
    expect(calls).toBe(attempts);
    expect(letters[0]?.attempts).toBe(attempts);
    expect(letters[0]?.reportId).toBe('report-0001');
  });

  test('members of one group share the partitions; each message is handled once; other groups see all', async () => {
    const bus = newBus();
    const byMember: Record<string, string[]> = { a: [], b: [], audit: [] };
    for (const member of ['a', 'b'] as const) {
      await bus.subscribe('reports.submitted', { group: 'workers', stage: 'fetcher' }, async (e) => {
        byMember[member]?.push(e.reportId);
      });
    }
    await bus.subscribe('reports.submitted', { group: 'audit', stage: 'audit' }, async (e) => {
      byMember.audit?.push(e.reportId);
    });
    const ids = Array.from({ length: 40 }, (_, i) => `report-${String(i).padStart(4, '0')}`);
    for (const id of ids) await bus.publish('reports.submitted', submitted(id));
    await until(
      () => (byMember.a?.length ?? 0) + (byMember.b?.length ?? 0) === 40 && byMember.audit?.length === 40,
      'all',
    );
    expect(byMember.a?.length).toBeGreaterThan(0);
    expect(byMember.b?.length).toBeGreaterThan(0);
    expect(new Set([...(byMember.a ?? []), ...(byMember.b ?? [])]).size).toBe(40);
  });

  test('one key keeps its order', async () => {
    const bus = newBus();
    const seen: string[] = [];
    await bus.subscribe('reports.submitted', { group: 'g', stage: 'fetcher' }, async (e) => {
      await new Promise((r) => setTimeout(r, Math.random() * 3));
      seen.push(e.payload.source.kind === 'url' ? e.payload.source.url : '');
    });
    for (let n = 0; n < 20; n++) await bus.publish('reports.submitted', submitted('report-same', n));
    await until(() => seen.length === 20, 'all 20');
    expect(seen).toEqual(Array.from({ length: 20 }, (_, n) => `https://reports.example/${n}`));
  });

  test('a member that stops mid-message hands it to the next member: nothing lost', async () => {
    const bus = newBus();
    let release: () => void = () => {};
    let started = false;
    const first = await bus.subscribe('reports.submitted', { group: 'g', stage: 'fetcher' }, async () => {
      started = true;
      await new Promise<void>((r) => {
        release = r;
      });
      throw new Error('crashed mid-message');
    });
    await bus.publish('reports.submitted', submitted('report-0001'));
    const handledBySecond: string[] = [];
    await until(() => started, 'first member to start');
    const stopping = first.stop();
    release();
    await stopping;
    await bus.subscribe('reports.submitted', { group: 'g', stage: 'fetcher' }, async (e) => {
      handledBySecond.push(e.reportId);
    });
    await until(() => handledBySecond.length === 1, 'redelivery');
    expect(handledBySecond).toEqual(['report-0001']);
  });

  test('concurrency: a slow message holds up only itself; one report stays in order; nothing done is redone', async () => {
    const bus = createMemoryBus({ partitions: 1 });
    buses.push(bus);
    await checkConcurrency(bus, { redoesDoneAfterInHand: false });
  });
});
