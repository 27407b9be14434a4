import { randomBytes } from 'node:crypto';
import {
  type DeadLetter,
  type Envelope,
  makeEnvelope,
  type PayloadInput,
  type Skipped,
  type Stage,
  type Topic,
} from '@stixmill/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { afterEach, describe, expect, test } from 'vitest';
import { getBrokers } from '../../../test/kafka/broker.ts';
import { type Bus, createKafkaBus, createMemoryBus, runStage, type Subscription, topicDefinitions } from './index.ts';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  // Last opened, first closed: the stage before its bus.
  for (const o of open.splice(0).reverse()) await o.close();
});

// The same scenario on the in-memory bus and on a real broker (a fresh namespace per test, its
// topics deleted afterwards; see test/kafka/broker.ts for where the broker comes from).
const buses: { name: string; make: () => Promise<Bus> }[] = [
  {
    name: 'memory',
    make: async () => {
      const bus = createMemoryBus({ partitions: 2 });
      open.push(bus);
      return bus;
    },
  },
  {
    name: 'kafka',
    make: async () => {
      const brokers = await getBrokers();
      const namespace = `test-${randomBytes(5).toString('hex')}`;
      const bus = createKafkaBus({
        brokers,
        clientId: 'runner-test',
        namespace,
        topics: { partitions: 2 },
        log: quiet,
      });
      open.push({
        close: async () => {
          await bus.close();
          const admin = new Kafka({ clientId: 'runner-test-admin', brokers, logLevel: logLevel.NOTHING }).admin();
          await admin.connect();
          await admin.deleteTopics({ topics: topicDefinitions({ namespace }).map((d) => d.topic) });
          await admin.disconnect();
        },
      });
      await bus.ensureTopics();
      return bus;
    },
  },
];

async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function collect<T extends Topic>(bus: Bus, topic: T): Promise<Envelope<T>[]> {
  const got: Envelope<T>[] = [];
  await bus.subscribe(topic, { group: `observer.${topic}`, stage: 'observer' }, async (e) => {
    got.push(e);
  });
  return got;
}

const fetched: PayloadInput<'documents.fetched'> = {
  source: 'file:advisory.txt',
  contentType: 'text/plain',
  sha256: 'a'.repeat(64),
  size: 4,
  fetchedAt: '2026-02-01T12:00:00.000Z',
  body: { kind: 'inline', base64: Buffer.from('text').toString('base64') },
  context: { tlp: 'amber', labels: ['dprk'] },
};

/** A fetcher that calls every second report a duplicate of the first. */
function dedupingStage(): Stage<'reports.submitted', 'documents.fetched', PayloadInput<'documents.fetched'> | Skipped> {
  let first: string | undefined;
  return {
    name: 'fetcher',
    from: 'reports.submitted',
    to: 'documents.fetched',
    async handle(payload, ctx) {
      if (first === undefined || first === ctx.reportId) {
        first = ctx.reportId;
        return { ...fetched, context: payload.context };
      }
      return { skipped: { stage: 'duplicate', reason: `same content as ${first}`, duplicateOf: first } };
    },
  };
}

function submitted(reportId: string): Envelope<'reports.submitted'> {
  return makeEnvelope('reports.submitted', reportId, {
    source: { kind: 'url', url: 'https://reports.example/advisory' },
    context: { tlp: 'amber', labels: ['dprk'] },
  });
}

describe.each(buses)('runStage on the $name bus', ({ make }) => {
  test('a Skipped result goes to reports.status under the same report and trace, not to the output topic', async () => {
    const bus = await make();
    const statuses = await collect(bus, 'reports.status');
    const outputs = await collect(bus, 'documents.fetched');
    const letters: DeadLetter[] = [];
    await bus.subscribeDeadLetters('reports.submitted', 'observer.dlq', async (l) => {
      letters.push(l);
    });
    const published: string[] = [];
    const metrics = { handled() {}, failed() {}, published: (topic: string) => published.push(topic) };
    const running: Subscription = await runStage(bus, dedupingStage(), { log: quiet, metrics });
    open.push({ close: () => running.stop() });

    await bus.publish('reports.submitted', submitted('r-first-0001'));
    await until(() => outputs.length === 1, 'the first report handed on');
    const second = submitted('r-second-0002');
    await bus.publish('reports.submitted', second);
    // Counted once the bus took it, which may be just after the observer saw it.
    await until(() => statuses.length === 1 && published.length === 2, 'the duplicate status');

    const [status] = statuses;
    expect(status?.reportId).toBe('r-second-0002');
    expect(status?.payload).toEqual({
      stage: 'duplicate',
      reason: 'same content as r-first-0001',
      duplicateOf: 'r-first-0001',
      context: { tlp: 'amber', labels: ['dprk'], rerun: false },
    });
    // A child of the input's trace: the same trace id, a new span.
    const [, traceId, spanId] = second.trace.traceparent.split('-');
    const [, statusTraceId, statusSpanId] = status?.trace.traceparent.split('-') ?? [];
    expect(statusTraceId).toBe(traceId);
    expect(statusSpanId).not.toBe(spanId);
    expect(outputs.map((o) => o.reportId)).toEqual(['r-first-0001']);
    expect(published).toEqual(['documents.fetched', 'reports.status']);
    expect(letters).toEqual([]);
  }, 120_000);
});
