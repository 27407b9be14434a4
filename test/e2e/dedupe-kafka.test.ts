import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Cluster, createCluster, SERVICES } from '../distributed/cluster.ts';
import { type GeneratedReport, generateReport } from '../distributed/documents.ts';
import { allStored, feedVersions, report, serveDocuments, submit } from '../distributed/support.ts';
import { getBrokers } from '../kafka/broker.ts';
import { eventually } from '../support/cli.ts';

// Issue 7, dedupe in distributed mode: `stixmill service fetcher` processes on a real broker
// remember what they handed on in the shared data directory, so a fetcher that never saw a
// document still finds it is a duplicate; the taxii process's tracker reads reports.status.

let cluster: Cluster;
let web: { server: Server; base: string; hostPort: string };
const documents = new Map<string, GeneratedReport>();

beforeAll(async () => {
  web = await serveDocuments(documents);
  cluster = createCluster({ brokers: await getBrokers(), env: { STIXMILL_FETCH_ALLOW: web.hostPort } });
  await Promise.all(SERVICES.map((name) => cluster.start(name)));
}, 120_000);

afterAll(async () => {
  await cluster?.close();
  await new Promise((resolve) => web?.server.close(resolve));
});

describe('dedupe across fetcher processes (Kafka)', () => {
  test('a fetcher started after the first one finds its duplicates in the shared directory', async () => {
    const batch = randomBytes(3).toString('hex');
    const urls: string[] = [];
    for (let i = 0; i < 4; i++) {
      const doc = generateReport(batch, i);
      documents.set(doc.token, doc);
      urls.push(`${web.base}/${doc.token}.txt`);
    }
    const first: string[] = [];
    for (const url of urls) first.push(await submit(cluster, { url }));
    await allStored(cluster, first, 90_000);
    const versions = (await feedVersions(cluster)).length;

    // The fetcher that handled them goes; a new one that never saw them takes over.
    const [old] = cluster.running.filter((p) => p.name === 'fetcher');
    expect(await old?.terminate()).toBe(0);
    const fresh = await cluster.start('fetcher');

    const second: string[] = [];
    for (const url of urls) second.push(await submit(cluster, { url }));
    const settled = await Promise.all(
      second.map((id) =>
        eventually(
          async () => {
            const r = await report(cluster, id);
            return r.stage === 'submitted' ? undefined : (r as typeof r & { duplicateOf?: string });
          },
          `report ${id} to settle`,
          60_000,
        ),
      ),
    );
    expect(settled.map((r) => r.stage)).toEqual(urls.map(() => 'duplicate'));
    expect(settled.map((r) => r.duplicateOf)).toEqual(first);
    expect(await fresh.metric('stixmill_messages_out_total', { topic: 'reports.status' })).toBe(urls.length);
    expect(await fresh.metric('stixmill_dead_lettered_total')).toBe(0);
    // Nothing went past the fetcher: no new versions, one memory file per document.
    expect((await feedVersions(cluster)).length).toBe(versions);
    const remembered = readdirSync(join(cluster.dataDir, 'seen'), { recursive: true }).filter((f) =>
      /[0-9a-f]{64}$/.test(String(f)),
    );
    expect(remembered).toHaveLength(urls.length);
  }, 200_000);
});
