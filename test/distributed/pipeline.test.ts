import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { createKafkaBus, type KafkaBus, physicalTopic } from '@stixmill/bus';
import { type DeadLetter, encode, makeEnvelope, newReportId } from '@stixmill/contracts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { getBrokers } from '../kafka/broker.ts';
import { rawKafka } from '../kafka/client.ts';
import { eventually, runCli } from '../support/cli.ts';
import { type Cluster, createCluster, SERVICES, type ServiceProcess } from './cluster.ts';
import { type GeneratedReport, generateReport } from './documents.ts';
import { allStored, feedVersions, serveDocuments, submit, versionsById } from './support.ts';

// The distributed mode end to end: fetcher, parser, extractor, exporter and taxii as five OS
// processes on a real Kafka broker, one namespace and data directory for this file. The tests run
// in order on the same processes (scaling adds an extractor, the crash test kills one), each
// checking that every report reaches the store and no object is stored twice.

const INLINE_MAX_BYTES = 4096;

let cluster: Cluster;
let web: { server: Server; base: string; hostPort: string };
const documents = new Map<string, GeneratedReport>();
const batch = () => randomBytes(3).toString('hex');

/** Registers `count` new documents (every other one past the claim-check threshold) and submits them. */
async function submitBatch(count: number, options: { uploads?: number; padTo?: number } = {}): Promise<string[]> {
  const id = batch();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const doc = generateReport(id, i, options.padTo ?? (i % 2 === 0 ? INLINE_MAX_BYTES * 2 : 0));
    documents.set(doc.token, doc);
    const upload = i < (options.uploads ?? 0);
    ids.push(await submit(cluster, upload ? { upload: doc.text } : { url: `${web.base}/${doc.token}.txt` }));
  }
  return ids;
}

/** Every id holds as many versions as distinct `modified` times, and report-specific objects one each. */
async function expectEachObjectOnce(tokens: string[]): Promise<Map<string, number>> {
  const objects = await feedVersions(cluster);
  const versions = versionsById(objects);
  const pairs = new Set(objects.map((o) => `${o.id} ${o.modified ?? ''}`));
  expect(pairs.size).toBe(objects.length);
  for (const token of tokens) {
    // The report itself, and the indicators and observables of its own domain, address and hash.
    const own = objects.filter((o) => [o.name, o.pattern, o.value].some((v) => v?.includes(token)));
    expect(own.map((o) => o.type)).toEqual(expect.arrayContaining(['report', 'indicator', 'domain-name']));
    for (const o of own) expect(versions.get(o.id), `${o.id} of ${token}`).toBe(1);
  }
  const reports = objects.filter((o) => o.type === 'report');
  expect(new Set(reports.map((o) => o.id)).size).toBe(reports.length);
  return versions;
}

const inTotal = (p: ServiceProcess, topic: string) => p.metric('stixmill_messages_in_total', { topic });
const outTotal = (p: ServiceProcess, topic: string) => p.metric('stixmill_messages_out_total', { topic });
const extractors = () => cluster.running.filter((p) => p.name === 'extractor');
const only = (name: string) => cluster.running.find((p) => p.name === name) as ServiceProcess;
const tokensOf = (count: number) => [...documents.keys()].slice(-count);

beforeAll(async () => {
  const brokers = await getBrokers();
  web = await serveDocuments(documents);
  cluster = createCluster({
    brokers,
    env: { STIXMILL_FETCH_ALLOW: web.hostPort, STIXMILL_INLINE_MAX_BYTES: String(INLINE_MAX_BYTES) },
  });
  await Promise.all(SERVICES.map((name) => cluster.start(name)));
}, 120_000);

afterAll(async () => {
  await cluster?.close();
  await new Promise((resolve) => web?.server.close(resolve));
});

describe('distributed mode: five processes on a real Kafka broker', () => {
  test('50 reports go through five processes into the TAXII store, each object once', async () => {
    const started = Date.now();
    const ids = await submitBatch(50, { uploads: 5 });
    await allStored(cluster, ids, 150_000);
    const seconds = (Date.now() - started) / 1000;
    process.stderr.write(`distributed e2e: 50 reports stored in ${seconds.toFixed(1)} s\n`);

    await expectEachObjectOnce([...documents.keys()]);
    // The large bodies travelled as claim-checks through the shared blob store.
    expect(readdirSync(join(cluster.dataDir, 'blobs'), { recursive: true }).length).toBeGreaterThan(0);

    // Each stage counted its messages; the logs of a handled message carry its report and trace.
    const extractor = only('extractor');
    expect(await inTotal(extractor, 'documents.parsed')).toBeGreaterThanOrEqual(50);
    expect(
      await extractor.metric('stixmill_messages_out_total', { topic: 'findings.extracted' }),
    ).toBeGreaterThanOrEqual(50);
    expect(
      await extractor.metric('stixmill_handler_duration_seconds_count', { topic: 'documents.parsed', outcome: 'ok' }),
    ).toBeGreaterThanOrEqual(50);
    const handled = extractor.lines().filter((l) => l.msg === 'message handled');
    expect(handled.length).toBeGreaterThanOrEqual(50);
    for (const line of handled) {
      expect(ids).toContain(line.reportId);
      expect(line.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    }
  }, 200_000);

  test('the console over the taxii service: its page, and a submitted report followed to stored on the event stream', async () => {
    const base = cluster.taxii().baseUrl;
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/console/app.js');
    const controller = new AbortController();
    const stream = await fetch(`${base}/api/reports/events`, { signal: controller.signal });
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    const [id] = await submitBatch(1);
    // The watch view's own source: report events until this report's says it is stored.
    let text = '';
    const stored = (event: string) => event.includes(`"id":"${id}"`) && event.includes('"stage":"stored"');
    const deadline = Date.now() + 60_000;
    while (!text.split('\n\n').some(stored) && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    expect(text.split('\n\n').some(stored)).toBe(true);
  });

  test('an upload and its parsed text larger than a Kafka message travel by claim check and are stored', async () => {
    // 6.5 MiB: 8.7 MiB of base64 inline, past reports.submitted's 8 MiB; its parsed JSON past documents.parsed's.
    const doc = generateReport(batch(), 0, 6.5 * 1024 * 1024);
    documents.set(doc.token, doc);
    const id = await submit(cluster, { upload: doc.text });
    const [stored] = await allStored(cluster, [id], 150_000);
    expect(stored?.stage).toBe('stored');
    await expectEachObjectOnce([doc.token]);
  }, 200_000);

  test('two extractor processes in one group share the partitions and together lose none', async () => {
    const [first] = extractors();
    if (!first) throw new Error('no extractor');
    const second = await cluster.start('extractor'); // ready = it joined: the partitions are shared now
    const before = await inTotal(first, 'documents.parsed');
    const ids = await submitBatch(30);
    await allStored(cluster, ids, 90_000);
    const byFirst = (await inTotal(first, 'documents.parsed')) - before;
    const bySecond = await inTotal(second, 'documents.parsed');
    expect(byFirst).toBeGreaterThan(0);
    expect(bySecond).toBeGreaterThan(0);
    expect(byFirst + bySecond).toBeGreaterThanOrEqual(30);
    await expectEachObjectOnce(tokensOf(30));
  }, 120_000);

  test('SIGTERM with work in flight: the extractor hands back or finishes, leaves the group, exits 0', async () => {
    const [, second] = extractors();
    if (!second) throw new Error('the second extractor is gone');
    const before = await inTotal(second, 'documents.parsed');
    const ids = await submitBatch(30);
    await eventually(
      async () => ((await inTotal(second, 'documents.parsed')) > before ? true : undefined),
      'the second extractor to take a message',
      60_000,
    );
    const stopping = Date.now();
    expect(await second.terminate()).toBe(0);
    expect(Date.now() - stopping).toBeLessThan(15_000);
    const said = second.lines().map((l) => l.msg);
    expect(said).toContain('left kafka consumer group');
    expect(said.at(-1)).toBe('stopped');
    await allStored(cluster, ids, 90_000);
    await expectEachObjectOnce(tokensOf(30));
  }, 120_000);

  test('kill -9 on the extractor in the middle of a batch: after a restart every report is stored, none twice', async () => {
    const [victim] = extractors();
    if (!victim) throw new Error('no extractor');
    const before = await inTotal(victim, 'documents.parsed');
    const doneBefore = await outTotal(victim, 'findings.extracted');
    // Long documents keep the extractor busy for seconds, so the kill lands in the middle of the
    // batch on a fast machine as on a loaded one.
    const ids = await submitBatch(40, { padTo: 160_000 });
    await eventually(
      async () => ((await inTotal(victim, 'documents.parsed')) > before ? true : undefined),
      'the extractor to start on the batch',
      60_000,
    );
    // It takes several messages at once, so what counts is how many it had finished.
    const done = (await outTotal(victim, 'findings.extracted')) - doneBefore;
    await victim.kill();
    expect(done).toBeLessThan(40); // it died with part of the batch not done

    const restarted = Date.now();
    await cluster.start('extractor');
    await allStored(cluster, ids, 120_000);
    process.stderr.write(
      `distributed crash: restart to all 40 stored in ${((Date.now() - restarted) / 1000).toFixed(1)} s\n`,
    );
    await expectEachObjectOnce(tokensOf(40));
  }, 180_000);

  test('poison: an invalid message and one whose handler always throws land in the DLQ with the reason; the rest flows', async () => {
    const bus: KafkaBus = createKafkaBus({
      brokers: cluster.brokers,
      clientId: 'dist-test',
      namespace: cluster.namespace,
    });
    const letters: DeadLetter[] = [];
    try {
      for (const topic of ['documents.parsed', 'documents.fetched'] as const) {
        await bus.subscribeDeadLetters(topic, 'test.dlq-reader', async (l) => void letters.push(l));
      }
      const producer = rawKafka(cluster.brokers).producer();
      await producer.connect();
      const garbageKey = `poison-${batch()}`;
      // Bytes that are not even JSON, straight onto the extractor's topic.
      await producer.send({
        topic: physicalTopic('documents.parsed', cluster.namespace),
        messages: [{ key: garbageKey, value: Buffer.from([0xff, 0x00, 0x7b, 0x6e, 0x6f]) }],
      });
      // A valid message whose claim-check points at nothing: the parser fails on every attempt.
      const stuck = newReportId();
      const envelope = makeEnvelope('documents.fetched', stuck, {
        source: 'https://reports.example/missing',
        contentType: 'text/plain',
        sha256: 'b'.repeat(64),
        size: 10_000,
        fetchedAt: new Date().toISOString(),
        body: { kind: 'blob', ref: `sha256/${'b'.repeat(64)}`, size: 10_000 },
        context: {},
      });
      await producer.send({
        topic: physicalTopic('documents.fetched', cluster.namespace),
        messages: [{ key: stuck, value: encode('documents.fetched', envelope) }],
      });
      await producer.disconnect();

      const ids = await submitBatch(5);
      await allStored(cluster, ids, 60_000);
      // The stages' letters (the tracker, which reads every topic, dead-letters the invalid one too).
      const invalidOf = () => letters.find((l) => l.topic === 'documents.parsed' && l.stage === 'extractor');
      const failingOf = () => letters.find((l) => l.topic === 'documents.fetched' && l.stage === 'parser');
      await eventually(async () => (invalidOf() && failingOf() ? true : undefined), 'both dead letters', 60_000);
      const invalid = invalidOf();
      expect(invalid).toMatchObject({
        stage: 'extractor',
        error: { code: 'invalid_message' },
        original: { key: garbageKey },
      });
      const failing = failingOf();
      expect(failing).toMatchObject({ stage: 'parser', reportId: stuck, original: { key: stuck } });
      expect(failing?.error.message).toBeTruthy();
      // The tracker shows the report behind the failing message as failed, at the parser, with the reason.
      const shown = await eventually(async () => {
        const r = (await (await fetch(`${cluster.taxii().baseUrl}/api/reports/${stuck}`)).json()) as {
          stage: string;
          error?: { stage?: string; code: string };
        };
        return r.stage === 'failed' ? r : undefined;
      }, 'the failed report');
      expect(shown.error).toMatchObject({ stage: 'parser', code: failing?.error.code });
      expect(
        await only('extractor').metric('stixmill_messages_dead_lettered_total', {
          topic: 'documents.parsed',
          code: 'invalid_message',
        }),
      ).toBe(1);
    } finally {
      await bus.close();
    }
  }, 120_000);

  test('replay from a time re-publishes and creates no new object versions; replay of a .dlq re-sends the original', async () => {
    const taxii = cluster.taxii();
    const stored = () =>
      taxii.metric('stixmill_handler_duration_seconds_count', { topic: 'stix.bundles', outcome: 'ok' });
    const since = new Date();
    const ids = await submitBatch(5);
    await allStored(cluster, ids, 60_000);
    const before = await feedVersions(cluster);
    const storedBefore = await stored();

    const replayed = await runCli(['replay', '--from', 'documents.parsed', '--since', since.toISOString()], {
      env: cluster.env,
    });
    expect(replayed.code, replayed.stderr).toBe(0);
    expect(JSON.parse(replayed.stdout)).toMatchObject({ republished: { 'documents.parsed': 5 }, skipped: 0 });
    // The five went through extractor, exporter and taxii again...
    await eventually(async () => ((await stored()) >= storedBefore + 5 ? true : undefined), 'the replayed bundles');
    // ...and yielded the very same objects: ids and versions unchanged.
    const after = await feedVersions(cluster);
    expect(after.length).toBe(before.length);
    expect(new Set(after.map((o) => `${o.id} ${o.modified}`))).toEqual(
      new Set(before.map((o) => `${o.id} ${o.modified}`)),
    );

    const parser = only('parser');
    const letters = () => parser.metric('stixmill_messages_dead_lettered_total', { topic: 'documents.fetched' });
    const lettersBefore = await letters();
    const fromDlq = await runCli(['replay', '--from', 'documents.fetched.dlq'], { env: cluster.env });
    expect(fromDlq.code, fromDlq.stderr).toBe(0);
    expect(JSON.parse(fromDlq.stdout)).toMatchObject({ republished: { 'documents.fetched': 1 } });
    // Still broken: the parser takes it and dead-letters it again.
    await eventually(
      async () => ((await letters()) > lettersBefore ? true : undefined),
      'the re-sent message to fail again',
    );
  }, 120_000);
});
