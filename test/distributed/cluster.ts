import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consumerGroupId, topicDefinitions } from '@stixmill/bus';
import { rawKafka } from '../kafka/client.ts';
import { CLI, eventually, ROOT } from '../support/cli.ts';

// The distributed mode as operators run it: each service a separate OS process
// (`stixmill service NAME`) on a real Kafka broker. A cluster is one Kafka namespace (its own
// topics and consumer groups on a shared broker) and one data directory (the shared blob store of
// fetcher and parser, and the taxii service's embedded database), so test files do not meet.

export const SERVICES = ['fetcher', 'parser', 'extractor', 'exporter', 'taxii'] as const;
export type ServiceName = (typeof SERVICES)[number];

export interface ServiceProcess {
  name: ServiceName;
  pid: number;
  port: number;
  baseUrl: string;
  child: ChildProcess;
  /** Everything the process wrote to stderr (pino JSON lines). */
  logs(): string;
  /** Its log lines parsed, the unparseable skipped. */
  lines(): Record<string, unknown>[];
  /** The value of one series on its /metrics, summed over the series matching `labels`; 0 when absent. */
  metric(name: string, labels?: Record<string, string>): Promise<number>;
  /** SIGTERM, then wait for the exit; resolves with the exit code. */
  terminate(): Promise<number | null>;
  /** SIGKILL (kill -9): no shutdown at all. */
  kill(): Promise<void>;
}

export interface ClusterOptions {
  brokers: string[];
  /** Extra environment of every process (e.g. STIXMILL_FETCH_ALLOW). */
  env?: Record<string, string>;
}

export interface Cluster {
  namespace: string;
  dataDir: string;
  brokers: string[];
  env: Record<string, string>;
  /** Every process started and still tracked, in start order (several extractors may run). */
  running: ServiceProcess[];
  start(name: ServiceName, env?: Record<string, string>): Promise<ServiceProcess>;
  /** The running taxii process (the API and the feed). */
  taxii(): ServiceProcess;
  /** SIGTERM every process, delete the namespace's topics and groups and the data directory. */
  close(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;

export function createCluster(options: ClusterOptions): Cluster {
  const namespace = `dist-${randomBytes(4).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'stixmill-dist-'));
  const env = {
    KAFKA_BROKERS: options.brokers.join(','),
    STIXMILL_KAFKA_NAMESPACE: namespace,
    STIXMILL_DATA_DIR: dataDir,
    STIXMILL_HOST: '127.0.0.1',
    STIXMILL_PORT: '0',
    STIXMILL_LOG_LEVEL: 'info',
    // The embedded database, in this cluster's data directory: the feed holds only this test's objects.
    DATABASE_URL: '',
    ...options.env,
  };
  const running: ServiceProcess[] = [];

  const cluster: Cluster = {
    namespace,
    dataDir,
    brokers: options.brokers,
    env,
    running,
    async start(name, extra = {}) {
      const service = await startService(name, { ...env, ...extra });
      running.push(service);
      service.child.once('exit', () => {
        const at = running.indexOf(service);
        if (at >= 0) running.splice(at, 1);
      });
      return service;
    },
    taxii() {
      const found = running.find((s) => s.name === 'taxii');
      if (!found) throw new Error('no taxii process runs');
      return found;
    },
    async close() {
      await Promise.all([...running].map((s) => s.terminate()));
      await deleteNamespace(options.brokers, namespace);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return cluster;
}

/** `stixmill service NAME` as a child process; resolves once its /readyz answers 200. */
export async function startService(name: ServiceName, env: Record<string, string>): Promise<ServiceProcess> {
  const child = spawn(process.execPath, [CLI, 'service', name], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const lines = () =>
    stderr.split('\n').flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });

  let port: number;
  try {
    port = await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}`);
        const started = lines().find((l) => l.msg === 'service started');
        return typeof started?.port === 'number' ? started.port : undefined;
      },
      `${name} to listen`,
      START_TIMEOUT_MS,
    );
    await eventually(
      async () => ((await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200 ? true : undefined),
      `${name} to be ready`,
      START_TIMEOUT_MS,
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${stderr.slice(-4000)}`);
  }
  const baseUrl = `http://127.0.0.1:${port}`;

  return {
    name,
    pid: child.pid ?? -1,
    port,
    baseUrl,
    child,
    logs: () => stderr,
    lines,
    async metric(metricName, labels = {}) {
      const text = await (await fetch(`${baseUrl}/metrics`)).text();
      return sumSeries(text, metricName, labels);
    },
    async terminate() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Sums the samples of one metric whose labels include `labels`, from Prometheus text. */
export function sumSeries(text: string, name: string, labels: Record<string, string>): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const match = line.match(/^([a-zA-Z_:][\w:]*)(\{[^}]*\})? ([-+\d.eE]+|NaN)$/);
    if (!match || match[1] !== name) continue;
    const set = match[2] ?? '';
    if (Object.entries(labels).every(([k, v]) => set.includes(`${k}="${v}"`))) sum += Number(match[3]);
  }
  return sum;
}

/** The namespace's topics and the consumer groups of the pipeline, gone; the broker stays clean. */
async function deleteNamespace(brokers: string[], namespace: string): Promise<void> {
  const admin = rawKafka(brokers).admin();
  await admin.connect();
  try {
    const topics = topicDefinitions({ namespace }).map((d) => d.topic);
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(`${namespace}.`));
    if (groups.length) await admin.deleteGroups(groups).catch(() => {});
    await admin.deleteTopics({ topics }).catch(() => {});
  } finally {
    await admin.disconnect();
  }
}

/** The Kafka group id of a service's stage (for lag and offset checks). */
export function stageGroup(namespace: string, service: ServiceName, topic: string): string {
  return consumerGroupId(`stixmill.${service}`, topic, namespace);
}
