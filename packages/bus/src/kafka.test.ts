import { randomBytes } from 'node:crypto';
import { type DeadLetter, type Envelope, type Log, makeEnvelope, newReportId, StageError } from '@stixmill/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { getBrokers } from '../../../test/kafka/broker.ts';
import type { Subscription } from './bus.ts';
import { checkConcurrency } from './concurrency.contract.ts';
import { createKafkaBus, type KafkaBus, type KafkaBusOptions } from './kafka.ts';
import { physicalTopic, topicDefinitions } from './kafka-topics.ts';
import { runStage } from './stage-runner.ts';

// Against a real broker (see test/kafka/broker.ts for where it comes from).
//
// Isolation: topic names are a closed set from contracts, so each test gets its own namespace
// instead: the bus's `namespace` option puts every topic and consumer group at `<namespace>.<name>`,
// so each test also has its own groups. Unlike deleting and re-creating the shared topics, or relying on a fresh data
// dir, this keeps tests independent even when other test files use the same broker at the same
// time; each test deletes its namespace's topics afterwards, so a reused broker does not fill up.

const PARTITIONS = 2;
const fastRetry = { maxAttempts: 3, initialBackoffMs: 10, maxBackoffMs: 20 };

let brokers: string[];
beforeAll(async () => {
  brokers = await getBrokers();
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Logged {
  level: string;
  obj: object;
  msg: string | undefined;
}

function recordingLog(into: Logged[]): Log {
  const at = (level: string) => (obj: object, msg?: string) => void into.push({ level, obj, msg });
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

function quietKafka(): Kafka {
  return new Kafka({ clientId: 'bus-test-raw', brokers, logLevel: logLevel.NOTHING });
}

/** A bus on a fresh namespace; its topics are deleted after the test. */
async function newBus(
  logged: Logged[] = [],
  extra: Partial<KafkaBusOptions> = {},
): Promise<{ bus: KafkaBus; namespace: string }> {
  const namespace = `test-${randomBytes(5).toString('hex')}`;
  const bus = createKafkaBus({
    brokers,
    clientId: 'bus-test',
    namespace,
    topics: { partitions: PARTITIONS },
    log: recordingLog(logged),
    ...extra,
  });
  cleanups.push(async () => {
    await bus.close();
    const admin = quietKafka().admin();
    await admin.connect();
    await admin.deleteTopics({ topics: topicDefinitions({ namespace }).map((d) => d.topic) });
    await admin.disconnect();
  });
  await bus.ensureTopics();
  return { bus, namespace };
}

function stopAfter(subscription: Subscription): Subscription {
  cleanups.push(() => subscription.stop());
  return subscription;
}

function submitted(reportId = newReportId()): Envelope<'reports.submitted'> {
  return makeEnvelope('reports.submitted', reportId, {
    source: { kind: 'url', url: `https://reports.example/${reportId}` },
    context: {},
  });
}

async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function unreachable(): StageError {
  return new StageError('unreachable', 'origin refused the connection');
}

describe('kafka bus', () => {
  test('round trip: a published envelope reaches the subscriber validated and unchanged', async () => {
    const logged: Logged[] = [];
    const { bus } = await newBus(logged);
    const got: Envelope<'reports.submitted'>[] = [];
    stopAfter(
      await bus.subscribe('reports.submitted', { group: 'fetcher', stage: 'fetcher' }, async (e) => void got.push(e)),
    );
    const sent = submitted();
    await bus.publish('reports.submitted', sent);
    await until(() => got.length === 1, 'delivery');
    expect(got[0]).toEqual(sent);
    // kafkajs's own logs reach the given logger, tagged with their component.
    expect(logged.some((l) => 'kafkajs' in l.obj)).toBe(true);
  });

  test('refuses to publish an envelope that breaks its contract', async () => {
    const { bus } = await newBus();
    const bad = { ...submitted(), payload: { source: { kind: 'url', url: 'ftp://x' }, context: {} } };
    await expect(bus.publish('reports.submitted', bad as never)).rejects.toThrow(/does not match its contract/);
  });

  test('an invalid raw message lands in <topic>.dlq with the zod reason, and consuming goes on', async () => {
    const { bus, namespace } = await newBus();
    const letters: DeadLetter[] = [];
    const handled: string[] = [];
    stopAfter(await bus.subscribeDeadLetters('reports.submitted', 'dlq-reader', async (l) => void letters.push(l)));
    stopAfter(
      await bus.subscribe('reports.submitted', { group: 'fetcher', stage: 'fetcher' }, async (e) => {
        handled.push(e.reportId);
      }),
    );
    const producer = quietKafka().producer();
    await producer.connect();
    cleanups.push(() => producer.disconnect());
    // One key, so the bad and the good message share a partition and keep their order.
    const reportId = newReportId();
    const raw = JSON.stringify({ ...submitted(reportId), schemaVersion: 7 });
    await producer.send({
      topic: physicalTopic('reports.submitted', namespace),
      messages: [{ key: reportId, value: raw }],
    });
    await bus.publish('reports.submitted', submitted(reportId));

    await until(() => letters.length === 1 && handled.length === 1, 'dead letter and next message');
    const [letter] = letters;
    expect(letter).toMatchObject({
      topic: 'reports.submitted',
      stage: 'fetcher',
      group: 'fetcher',
      reportId,
      attempts: 1,
      error: { code: 'invalid_message' },
      original: { key: reportId, value: raw },
    });
    expect(letter?.error.message).toMatch(/schemaVersion/);
    expect(handled).toEqual([reportId]);
  });

  test('a handler that fails with a retryable error is retried until it succeeds', async () => {
    const { bus } = await newBus();
    const letters: DeadLetter[] = [];
    stopAfter(await bus.subscribeDeadLetters('reports.submitted', 'dlq-reader', async (l) => void letters.push(l)));
    let attempts = 0;
    let handled = false;
    stopAfter(
      await bus.subscribe('reports.submitted', { group: 'fetcher', stage: 'fetcher', retry: fastRetry }, async () => {
        attempts += 1;
        if (attempts < 3) throw unreachable();
        handled = true;
      }),
    );
    await bus.publish('reports.submitted', submitted());
    await until(() => handled, 'success on the third attempt');
    expect(attempts).toBe(3);
    expect(letters).toEqual([]);
  });

  test('a handler that always fails sends the message to the DLQ after maxAttempts', async () => {
    const { bus } = await newBus();
    const letters: DeadLetter[] = [];
    stopAfter(await bus.subscribeDeadLetters('reports.submitted', 'dlq-reader', async (l) => void letters.push(l)));
    let attempts = 0;
    stopAfter(
      await bus.subscribe('reports.submitted', { group: 'fetcher', stage: 'fetcher', retry: fastRetry }, async () => {
        attempts += 1;
        throw unreachable();
      }),
    );
    const sent = submitted();
    await bus.publish('reports.submitted', sent);
    await until(() => letters.length === 1, 'dead letter');
    expect(attempts).toBe(fastRetry.maxAttempts);
    expect(letters[0]).toMatchObject({
      reportId: sent.reportId,
      attempts: fastRetry.maxAttempts,
      error: { code: 'unreachable', message: 'origin refused the connection' },
      original: { key: sent.reportId },
    });
    expect(JSON.parse(letters[0]?.original.value ?? '')).toEqual(sent);
  });

  test('two subscribers in one group split the partitions and together see every message once', async () => {
    const { bus } = await newBus();
    const seenBy = { a: [] as string[], b: [] as string[] };
    const options = { group: 'fetcher', stage: 'fetcher' };
    stopAfter(await bus.subscribe('reports.submitted', options, async (e) => void seenBy.a.push(e.reportId)));
    // Resolves once b has joined, i.e. after the rebalance that gives each member one partition.
    stopAfter(await bus.subscribe('reports.submitted', options, async (e) => void seenBy.b.push(e.reportId)));
    const sent = Array.from({ length: 20 }, () => submitted());
    await Promise.all(sent.map((e) => bus.publish('reports.submitted', e)));

    const total = () => seenBy.a.length + seenBy.b.length;
    await until(() => total() >= sent.length, 'every message');
    expect([...seenBy.a, ...seenBy.b].sort()).toEqual(sent.map((e) => e.reportId).sort());
    expect(seenBy.a.length).toBeGreaterThan(0);
    expect(seenBy.b.length).toBeGreaterThan(0);
  });

  test('stop() while a message waits for its retry gives it back to the group uncommitted', async () => {
    const { bus } = await newBus();
    const group = { group: 'fetcher', stage: 'fetcher' };
    let attemptsOnFirst = 0;
    // A long backoff: the first subscriber is stopped while the message waits for its second attempt.
    const first = await bus.subscribe(
      'reports.submitted',
      { ...group, retry: { maxAttempts: 5, initialBackoffMs: 60_000, maxBackoffMs: 60_000 } },
      async () => {
        attemptsOnFirst += 1;
        throw unreachable();
      },
    );
    const sent = submitted();
    await bus.publish('reports.submitted', sent);
    await until(() => attemptsOnFirst === 1, 'first attempt');
    const stopping = Date.now();
    await first.stop();
    expect(Date.now() - stopping).toBeLessThan(15_000);

    const got: string[] = [];
    stopAfter(await bus.subscribe('reports.submitted', group, async (e) => void got.push(e.reportId)));
    await until(() => got.length === 1, 'redelivery to the next member');
    expect(got).toEqual([sent.reportId]);
    expect(attemptsOnFirst).toBe(1);
  });

  test('stop() while the handler runs lets it finish and commits it', async () => {
    const { bus } = await newBus();
    const group = { group: 'fetcher', stage: 'fetcher' };
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started = 0;
    let finished = 0;
    const first = await bus.subscribe('reports.submitted', group, async () => {
      started += 1;
      await gate;
      finished += 1;
    });
    const slow = submitted();
    await bus.publish('reports.submitted', slow);
    await until(() => started === 1, 'handler started');
    const stopped = first.stop();
    release();
    await stopped;
    expect(finished).toBe(1);

    // The next member starts after the committed message: it sees only what comes next.
    const got: string[] = [];
    stopAfter(await bus.subscribe('reports.submitted', group, async (e) => void got.push(e.reportId)));
    const next = submitted();
    await bus.publish('reports.submitted', next);
    await until(() => got.includes(next.reportId), 'the next message');
    expect(got).toEqual([next.reportId]);
  });

  test('buses in two namespaces share a broker and a group name without seeing each other', async () => {
    const [one, two] = [await newBus(), await newBus()];
    const got = { one: [] as string[], two: [] as string[] };
    const options = { group: 'fetcher', stage: 'fetcher' };
    stopAfter(await one.bus.subscribe('reports.submitted', options, async (e) => void got.one.push(e.reportId)));
    stopAfter(await two.bus.subscribe('reports.submitted', options, async (e) => void got.two.push(e.reportId)));
    const [forOne, forTwo] = [submitted(), submitted()];
    await one.bus.publish('reports.submitted', forOne);
    await two.bus.publish('reports.submitted', forTwo);
    await until(() => got.one.length + got.two.length === 2, 'both messages');
    expect(got).toEqual({ one: [forOne.reportId], two: [forTwo.reportId] });
  });

  test('one group reading two topics and a dead-letter topic gets every message of each (the tracker)', async () => {
    const { bus } = await newBus();
    const got: string[] = [];
    const group = { group: 'tracker', stage: 'tracker' };
    stopAfter(await bus.subscribe('reports.submitted', group, async (e) => void got.push(`submitted ${e.reportId}`)));
    stopAfter(await bus.subscribe('documents.fetched', group, async (e) => void got.push(`fetched ${e.reportId}`)));
    stopAfter(
      await bus.subscribeDeadLetters('documents.fetched', 'tracker', async (l) => void got.push(`dlq ${l.reportId}`)),
    );
    const sent = Array.from({ length: 6 }, () => submitted());
    for (const e of sent) await bus.publish('reports.submitted', e);
    const fetched = makeEnvelope('documents.fetched', sent[0]?.reportId ?? '', {
      source: 'https://reports.example/a',
      contentType: 'text/plain',
      sha256: 'a'.repeat(64),
      size: 5,
      fetchedAt: new Date().toISOString(),
      body: { kind: 'inline', base64: Buffer.from('hello').toString('base64') },
      context: {},
    });
    await bus.publish('documents.fetched', fetched);
    await until(() => got.length >= sent.length + 1, 'every message of both topics');
    expect(got.filter((g) => g.startsWith('submitted')).length).toBe(sent.length);
    expect(got).toContain(`fetched ${fetched.reportId}`);
  });

  test('counts received and dead-lettered messages and the lag, and tells when its consumers joined', async () => {
    const counted: string[] = [];
    const { bus } = await newBus([], {
      metrics: {
        received: (topic) => void counted.push(`in ${topic}`),
        deadLettered: (topic, code) => void counted.push(`dlq ${topic} ${code}`),
        lag: (topic, _partition, messages) => void counted.push(`lag ${topic} ${messages}`),
      },
    });
    expect(bus.ready()).toBe(true); // no consumers yet: nothing to wait for
    const subscription = await bus.subscribe(
      'reports.submitted',
      { group: 'fetcher', stage: 'fetcher', retry: fastRetry },
      async () => {
        throw new StageError('blocked_address', 'no');
      },
    );
    expect(bus.ready()).toBe(true);
    expect(bus.waiting()).toEqual([]);
    await bus.publish('reports.submitted', submitted());
    await until(() => counted.some((c) => c.startsWith('dlq')), 'the dead letter');
    await until(() => counted.some((c) => c.startsWith('lag')), 'a lag report');
    expect(counted).toContain('in reports.submitted');
    expect(counted).toContain('dlq reports.submitted blocked_address');
    expect(counted).toContain('lag reports.submitted 0');
    await subscription.stop();
  });

  test('stop() and close() are safe to call twice', async () => {
    const { bus } = await newBus();
    const subscription = await bus.subscribe('reports.submitted', { group: 'g', stage: 'fetcher' }, async () => {});
    await Promise.all([subscription.stop(), subscription.stop()]);
    await subscription.stop();
    await Promise.all([bus.close(), bus.close()]);
    await expect(bus.publish('reports.submitted', submitted())).rejects.toThrow(/closed/);
  });
});

describe('kafka bus concurrency', () => {
  test('a slow message holds up only itself; one report stays in order; nothing done is redone', async () => {
    const { bus } = await newBus();
    await checkConcurrency(bus, { redoesDoneAfterInHand: true });
  }, 120_000);
});

describe('kafka bus: outputs the broker refuses', () => {
  test('a parsed output over the topic limit dead-letters at once with the reason; the reports behind it flow', async () => {
    const { bus } = await newBus();
    const letters: DeadLetter[] = [];
    const out: string[] = [];
    stopAfter(await bus.subscribeDeadLetters('reports.submitted', 'dlq-reader', async (l) => void letters.push(l)));
    stopAfter(
      await bus.subscribe(
        'documents.fetched',
        { group: 'parser', stage: 'parser' },
        async (e) => void out.push(e.reportId),
      ),
    );
    const huge = newReportId();
    // documents.fetched takes 8 MiB: an inline body of 9 MiB of base64 can never pass.
    stopAfter(
      await runStage(
        bus,
        {
          name: 'fetcher',
          from: 'reports.submitted',
          to: 'documents.fetched',
          async handle(payload, ctx) {
            const size = ctx.reportId === huge ? 7 * 1024 * 1024 : 16;
            return {
              source: payload.source.kind === 'url' ? payload.source.url : 'stdin',
              contentType: 'text/plain',
              sha256: 'a'.repeat(64),
              size,
              fetchedAt: new Date().toISOString(),
              body: { kind: 'inline', base64: Buffer.alloc(size, 0x41).toString('base64') },
              context: payload.context,
            };
          },
        },
        { log: recordingLog([]), retry: { maxAttempts: 5, initialBackoffMs: 10, maxBackoffMs: 20 } },
      ),
    );
    await bus.publish('reports.submitted', submitted(huge));
    const next = newReportId();
    await bus.publish('reports.submitted', submitted(next));
    await until(() => letters.length === 1 && out.includes(next), 'the dead letter and the next report', 60_000);
    expect(letters[0]).toMatchObject({ reportId: huge, attempts: 1, error: { code: 'too_large' } });
    expect(letters[0]?.error.message).toMatch(
      /broker refused a \d+-byte message on .*documents\.fetched: MESSAGE_TOO_LARGE/,
    );
    expect(out).not.toContain(huge);
  }, 120_000);
});
