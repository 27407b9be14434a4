import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eventually, ROOT } from '../support/cli.ts';
import { type Cluster, createCluster, SERVICES } from './cluster.ts';
import { type GeneratedReport, generateReport } from './documents.ts';
import { allStored, feedVersions, serveDocuments, submit, versionsById } from './support.ts';

// A broker restart while the five services run: they reconnect by themselves and finish the work.
// This file runs its own broker (the local launcher, on ports of its own and a fresh data
// directory) because it stops it: the shared test broker stays up for the other files.

const LAUNCHER = join(ROOT, 'infra/kafka/broker.sh');
const hasJava = (() => {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let brokerEnv: Record<string, string>;
let brokerData: string;
let cluster: Cluster;
let web: { server: Server; base: string; hostPort: string };
const documents = new Map<string, GeneratedReport>();

async function broker(command: 'start' | 'stop'): Promise<string> {
  const { stdout } = await promisify(execFile)('bash', [LAUNCHER, command], {
    env: { ...process.env, ...brokerEnv },
    timeout: 180_000,
  });
  return stdout.trim();
}

async function submitBatch(count: number): Promise<string[]> {
  const id = randomBytes(3).toString('hex');
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const doc = generateReport(id, i);
    documents.set(doc.token, doc);
    ids.push(await submit(cluster, { url: `${web.base}/${doc.token}.txt` }));
  }
  return ids;
}

describe.skipIf(!hasJava)('distributed mode across a broker restart', () => {
  beforeAll(async () => {
    brokerData = mkdtempSync(join(tmpdir(), 'stixmill-kafka-'));
    brokerEnv = {
      KAFKA_DATA_DIR: brokerData,
      KAFKA_PORT: String(await freePort()),
      KAFKA_CONTROLLER_PORT: String(await freePort()),
    };
    const address = (await broker('start')).split('\n').at(-1) ?? '';
    web = await serveDocuments(documents);
    cluster = createCluster({ brokers: [address], env: { STIXMILL_FETCH_ALLOW: web.hostPort } });
    await Promise.all(SERVICES.map((name) => cluster.start(name)));
  }, 180_000);

  afterAll(async () => {
    await cluster?.close().catch(() => {});
    if (brokerEnv) await broker('stop').catch(() => {});
    if (brokerData) rmSync(brokerData, { recursive: true, force: true });
    await new Promise((resolve) => web?.server.close(resolve));
  }, 60_000);

  test('the services reconnect after the broker restarts and finish the work in flight', async () => {
    const first = await submitBatch(5);
    await allStored(cluster, first, 60_000);

    const inFlight = await submitBatch(10);
    await broker('stop');
    await broker('start');
    const after = await submitBatch(5);
    const restarted = Date.now();
    await allStored(cluster, [...inFlight, ...after], 120_000);
    process.stderr.write(
      `distributed broker restart: 15 reports stored ${((Date.now() - restarted) / 1000).toFixed(1)} s after it answered again\n`,
    );

    const objects = await feedVersions(cluster);
    const versions = versionsById(objects);
    for (const token of documents.keys()) {
      const own = objects.filter((o) => [o.name, o.pattern, o.value].some((v) => v?.includes(token)));
      expect(own.length).toBeGreaterThan(0);
      for (const o of own) expect(versions.get(o.id), `${o.id} of ${token}`).toBe(1);
    }
    // Every process is still the one that started: none crashed out.
    expect(cluster.running.map((p) => p.name).sort()).toEqual([...SERVICES].sort());
    // and each is ready again once its consumers have rejoined their groups (a rebalance may still
    // run). The taxii process holds some twenty groups, and kafkajs rejoins each with its own
    // back-off after the coordinator moved: on a busy machine that has taken over a minute.
    for (const p of cluster.running) {
      await eventually(
        async () => {
          const res = await fetch(`${p.baseUrl}/readyz`);
          // On a timeout the failure names what is still not ready.
          if (res.status !== 200) throw new Error(`readyz ${res.status}: ${(await res.text()).slice(0, 2000)}`);
          return true;
        },
        `${p.name} ready again`,
        150_000,
      );
    }
  }, 330_000);
});
