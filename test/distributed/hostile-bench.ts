// How the server holds up under hostile documents, in both modes: while a deeply nested page, a
// PDF decompression bomb, a source trickling a byte a second, a 12 MB text (its parsed form past
// the topic's message limit), a document full of NULs and a 7 MiB upload (past the topic's limit
// as base64) are in flight, how long a normal report takes to be stored, how slow
// /healthz gets, and the peak RSS of every process. A script that prints figures, not a test:
//
//   node test/distributed/hostile-bench.ts [distributed|embedded|both]
//
// Targets (the hostile-input issue): the normal report stored within 5 s; peak RSS under 1 GiB.
// Uses KAFKA_BROKERS, or starts the local broker.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { makePdf } from '../../services/parser/src/fixtures/pdf.ts';
import { getBrokers } from '../kafka/broker.ts';
import { startStixmill } from '../support/cli.ts';
import { createCluster, SERVICES } from './cluster.ts';
import { generateReport } from './documents.ts';
import { type ApiTarget, type Report, report, submit } from './support.ts';

const which = process.argv[2] ?? 'both';
const MiB = 1024 * 1024;

const deepHtml = `<html><body><article><h1>Nested</h1>${'<div>'.repeat(100_000)}bottom${'</div>'.repeat(100_000)}</article></body></html>`;
const bomb = Buffer.from(makePdf([[{ text: 'Lazarus Group', y: 700 }]], { padding: 1024 * MiB }));
const hugeText = generateReport('hugetext', 0, 12 * MiB).text;
const nulText = `Fake recruiter portals\n\n${'The operators\u0000 registered hirelancer-nul.net. '.repeat(20_000)}`;
const upload = generateReport('upload', 0, 7 * MiB).text;
let normal = generateReport('normal', 0, 0);

const server = createServer((req, res) => {
  switch (req.url) {
    case '/deep.html':
      return void res.writeHead(200, { 'content-type': 'text/html' }).end(deepHtml);
    case '/bomb.pdf':
      return void res.writeHead(200, { 'content-type': 'application/pdf' }).end(bomb);
    case '/huge.txt':
      return void res.writeHead(200, { 'content-type': 'text/plain' }).end(hugeText);
    case '/nul.txt':
      return void res.writeHead(200, { 'content-type': 'text/plain' }).end(nulText);
    case '/trickle.txt': {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const timer = setInterval(() => res.write('x'), 1000);
      res.on('close', () => clearInterval(timer));
      return;
    }
    case '/normal.txt':
      return void res.writeHead(200, { 'content-type': 'text/plain' }).end(normal.text);
    default:
      res.writeHead(404).end();
  }
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;
const base = `http://127.0.0.1:${port}`;

/** A process's resident set now (VmRSS) or its peak since it started (VmHWM), in MiB. */
function rss(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): number {
  if (!pid) return Number.NaN;
  try {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

async function settled(target: ApiTarget, id: string, timeoutMs: number): Promise<Report> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await report(target, id);
    if (r.stage === 'stored' || r.stage === 'failed' || r.stage === 'duplicate' || Date.now() > deadline) return r;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function measure(mode: string, target: ApiTarget, pids: Record<string, number | undefined>): Promise<void> {
  const api = target.taxii().baseUrl;
  // Peak RSS while the documents are read, sampled every 50 ms (VmHWM would include start-up,
  // when the embedded database alone peaks).
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, rss(pid, 'VmRSS')]));
  const peaks: Record<string, number> = { ...before };
  const sampler = setInterval(() => {
    for (const [name, pid] of Object.entries(pids)) peaks[name] = Math.max(peaks[name] ?? 0, rss(pid, 'VmRSS'));
  }, 50);
  let slowestHealth = 0;
  let probing = true;
  const probe = (async () => {
    while (probing) {
      const started = performance.now();
      await fetch(`${api}/healthz`).catch(() => undefined);
      slowestHealth = Math.max(slowestHealth, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const hostile: Record<string, string> = {};
  const only = process.env.HOSTILE_ONLY?.split(',');
  for (const name of ['deep.html', 'bomb.pdf', 'trickle.txt', 'huge.txt', 'nul.txt'])
    if (!only || only.includes(name)) hostile[name] = await submit(target, { url: `${base}/${name}` });
  if (!only || only.includes('upload')) hostile['7 MiB upload'] = await submit(target, { upload });
  await new Promise((resolve) => setTimeout(resolve, 300));
  normal = generateReport(`normal${mode}`, 1, 0);
  const started = Date.now();
  const normalId = await submit(target, { url: `${base}/normal.txt` });
  const done = await settled(target, normalId, 120_000);
  const normalMs = Date.now() - started;
  const outcomes: string[] = [];
  for (const [name, id] of Object.entries(hostile)) {
    const r = await settled(target, id, 120_000);
    outcomes.push(`${name}: ${r.stage}${r.error ? ` (${r.error.code})` : ''}`);
  }
  probing = false;
  await probe;
  clearInterval(sampler);
  process.stdout.write(
    `${mode}: normal report ${done.stage} in ${normalMs} ms with the hostile documents in flight; ` +
      `slowest /healthz ${Math.round(slowestHealth)} ms\n  normal report's stages: ${Object.entries(done.stages ?? {})
        .sort((a, b) => a[1].localeCompare(b[1]))
        .map(([stage, at]) => `${stage} +${Date.parse(at) - Date.parse(done.created ?? at)} ms`)
        .join(', ')}\n  hostile: ${outcomes.join('; ')}\n` +
      `  RSS MiB (before -> peak while reading; peak since start): ${Object.keys(pids)
        .map((name) => `${name} ${before[name]} -> ${peaks[name]}; ${rss(pids[name], 'VmHWM')}`)
        .join(', ')}\n`,
  );
}

try {
  if (which === 'both' || which === 'embedded') {
    const running = await startStixmill({
      STIXMILL_FETCH_ALLOW: `127.0.0.1:${port}`,
      STIXMILL_FETCH_TIMEOUT_MS: '10000',
      STIXMILL_LOG_LEVEL: 'warn',
    });
    try {
      await measure('embedded', { taxii: () => ({ baseUrl: running.baseUrl }) }, { 'stixmill run': running.child.pid });
    } finally {
      await running.stop();
    }
  }
  if (which === 'both' || which === 'distributed') {
    const cluster = createCluster({
      brokers: await getBrokers(),
      env: { STIXMILL_FETCH_ALLOW: `127.0.0.1:${port}`, STIXMILL_FETCH_TIMEOUT_MS: '10000' },
    });
    try {
      await Promise.all(SERVICES.map((name) => cluster.start(name)));
      await measure('distributed', cluster, Object.fromEntries(cluster.running.map((p) => [p.name, p.pid])));
    } finally {
      await cluster.close();
    }
  }
} finally {
  server.close();
}
