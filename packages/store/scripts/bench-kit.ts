// What the store's and the TAXII server's benchmarks share: sample objects, a latency and
// throughput measure under concurrent clients, and the two backends opened throwaway (PGlite in a
// temporary directory, PostgreSQL in a temporary schema of DATABASE_URL).
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type StixObject, type Store } from '../src/index.ts';

/**
 * The command line of a bench: `option('clients', '8')` reads `--clients N`, and `count` is the
 * first bare number (how many objects), else `defaultCount`.
 */
export function benchArgs(defaultCount: number) {
  const args = process.argv.slice(2);
  return {
    count: Number(args.find((a) => /^\d+$/.test(a)) ?? defaultCount),
    option(name: string, fallback: string): string {
      const i = args.indexOf(`--${name}`);
      return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
    },
  };
}

/** Object n of a feed: domain names and indicators, half each. */
export function sampleObject(n: number): StixObject {
  const at = new Date(Date.UTC(2025, 0, 1) + n * 1000).toISOString();
  if (n % 2 === 0)
    return { type: 'domain-name', spec_version: '2.1', id: `domain-name--${randomUUID()}`, value: `host${n}.example` };
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${randomUUID()}`,
    created: at,
    modified: at,
    name: `Fake recruiter domain ${n}`,
    pattern: `[domain-name:value = 'host${n}.example']`,
    pattern_type: 'stix',
    valid_from: at,
    object_marking_refs: ['marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487'],
  };
}

export const ms = (t: number) => Math.round(t * 100) / 100;

export async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

/** `clients` loops sharing `requests` requests; latency percentiles and overall throughput. */
export async function underLoad(clients: number, requests: number, request: (i: number) => Promise<unknown>) {
  const latencies: number[] = [];
  let issued = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (issued < requests) {
        const i = issued++;
        const [, took] = await timed(() => request(i));
        latencies.push(took);
      }
    }),
  );
  const elapsed = performance.now() - start;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => ms(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return { p50Ms: at(0.5), p99Ms: at(0.99), requestsPerSecond: Math.round((latencies.length / elapsed) * 1000) };
}

/**
 * Run `bench` on each backend asked for ('pglite', 'postgres' or 'both'; PostgreSQL only with
 * DATABASE_URL), each on a fresh, throwaway database.
 */
export async function onBackends(which: string, bench: (name: string, store: Store) => Promise<void>): Promise<void> {
  if (which === 'pglite' || which === 'both') {
    const dir = await mkdtemp(join(tmpdir(), 'stixmill-bench-'));
    const store = await openStore({ dataDir: join(dir, 'db') });
    try {
      await bench('pglite (embedded, on disk)', store);
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  }
  const url = process.env.DATABASE_URL;
  if ((which === 'postgres' || which === 'both') && url) {
    const schema = `stixmill_bench_${randomUUID().replaceAll('-', '')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const withSchema = new URL(url);
    withSchema.searchParams.set('options', `-c search_path=${schema}`);
    const store = await openStore({ databaseUrl: withSchema.toString() });
    try {
      await bench('postgres', store);
    } finally {
      await store.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
  }
}
