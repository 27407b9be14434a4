// Throughput and latency of the pipeline, distributed (five `stixmill service` processes on a real
// Kafka broker) and embedded (`stixmill run`), on the same generated reports. A script that
// prints figures, not a timed test:
//
//   node test/distributed/bench.ts [N=100] [distributed|embedded|both]
//
// Latency of a report: from its submission to the moment the TAXII store held it, as the report
// ledger recorded both (`created` and `stages.stored`). Throughput: N over the wall time from the
// first submission to the last report stored. Uses KAFKA_BROKERS, or starts the local broker.
import { randomBytes } from 'node:crypto';
import { getBrokers } from '../kafka/broker.ts';
import { startStixmill } from '../support/cli.ts';
import { createCluster, SERVICES } from './cluster.ts';
import { type GeneratedReport, generateReport } from './documents.ts';
import { type ApiTarget, allStored, serveDocuments, submit } from './support.ts';

const count = Number(process.argv[2] ?? 100);
const which = process.argv[3] ?? 'both';
if (!Number.isInteger(count) || count < 1 || count > 500) throw new Error('N must be 1..500');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function measure(mode: string, target: ApiTarget, base: string, documents: Map<string, GeneratedReport>) {
  const batch = randomBytes(3).toString('hex');
  const started = Date.now();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const doc = generateReport(batch, i, i % 4 === 0 ? 600 * 1024 : 0); // a quarter past the claim-check size
    documents.set(doc.token, doc);
    ids.push(await submit(target, { url: `${base}/${doc.token}.txt` }));
  }
  const reports = await allStored(target, ids, 600_000);
  const wall = (Date.now() - started) / 1000;
  const latencies = reports
    .map((r) => Date.parse(r.stages?.stored ?? '') - Date.parse(r.created ?? ''))
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  process.stdout.write(
    `${mode.padEnd(12)} N=${count}  ${(count / wall).toFixed(1)} reports/s  wall ${wall.toFixed(1)} s  ` +
      `latency p50 ${percentile(latencies, 50)} ms  p99 ${percentile(latencies, 99)} ms\n`,
  );
}

const documents = new Map<string, GeneratedReport>();
const web = await serveDocuments(documents);
try {
  if (which === 'both' || which === 'distributed') {
    const cluster = createCluster({ brokers: await getBrokers(), env: { STIXMILL_FETCH_ALLOW: web.hostPort } });
    try {
      await Promise.all(SERVICES.map((name) => cluster.start(name)));
      await measure('distributed', cluster, web.base, documents);
    } finally {
      await cluster.close();
    }
  }
  if (which === 'both' || which === 'embedded') {
    const running = await startStixmill({ STIXMILL_FETCH_ALLOW: web.hostPort, STIXMILL_LOG_LEVEL: 'warn' });
    try {
      await measure('embedded', { taxii: () => ({ baseUrl: running.baseUrl }) }, web.base, documents);
    } finally {
      await running.stop();
    }
  }
} finally {
  web.server.close();
}
