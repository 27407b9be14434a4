import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Log } from '@stixmill/contracts';
import { DEFAULT_COLLECTION_ID, openStore, type Store } from '@stixmill/store';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHttpApp, OPENAPI_DOCUMENT, OPENAPI_PATH, TAXII_MEDIA_TYPE } from './index.ts';

// Every route the server answers is in the OpenAPI description, and every described operation
// is answered. Black box: each path of the description (with real ids filled in) and a few that
// are not, under every method; an answer other than "no such route" (404 naming the path) or
// 405 means the server has that route.

const quiet: Log = { debug() {}, info() {}, warn() {}, error() {} };
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const EXTRA_PATHS = ['/', '/api', '/api/v21/collections/x/objects/y/z/', '/taxii2/x/', '/api/v21/status/', '/metrics'];
const paths = OPENAPI_DOCUMENT.paths as Record<string, Partial<Record<(typeof METHODS)[number], unknown>>>;

let store: Store;
let server: Server;
let base: string;
const objectId = `indicator--${randomUUID()}`;
const statusId = randomUUID();
const reportId = `report-${randomUUID()}`;

beforeAll(async () => {
  store = await openStore();
  const now = '2025-02-21T10:00:00.000Z';
  await store.putObjects(DEFAULT_COLLECTION_ID, [
    {
      type: 'indicator',
      spec_version: '2.1',
      id: objectId,
      created: now,
      modified: now,
      pattern: "[ipv4-addr:value = '198.51.100.7']",
      pattern_type: 'stix',
      valid_from: now,
    },
  ]);
  await store.putStatus({
    id: statusId,
    status: 'complete',
    requestTimestamp: now,
    totalCount: 0,
    successCount: 0,
    failureCount: 0,
    pendingCount: 0,
    successes: [],
    failures: [],
  });
  await store.recordStage(reportId, 'submitted');
  const app = createHttpApp({ store, log: quiet, rateLimit: false, submit: async () => ({ reportId }) });
  server = createServer((req, res) => void app(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await store.close();
});

function concrete(template: string): string {
  return template
    .replace('{collection}', DEFAULT_COLLECTION_ID)
    .replace('{object}', objectId)
    .replace('{status}', statusId)
    .replace('{report}', reportId);
}

/** The template of the description a concrete path falls under, if any. */
function templateOf(path: string): string | undefined {
  return Object.keys(paths).find((t) => new RegExp(`^${t.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path));
}

async function answers(method: string, path: string): Promise<boolean> {
  const res = await fetch(new URL(path, base), {
    method: method.toUpperCase(),
    headers: { accept: TAXII_MEDIA_TYPE, 'content-type': TAXII_MEDIA_TYPE },
    ...(method === 'post' || method === 'put' || method === 'patch' ? { body: '{"objects":[]}' } : {}),
  });
  // An event stream never ends: its headers are the answer.
  if (res.headers.get('content-type')?.startsWith('text/event-stream')) {
    await res.body?.cancel();
    return true;
  }
  const text = await res.text();
  if (res.status === 405) return false;
  return !(res.status === 404 && text.includes(`at ${path}`));
}

describe('the OpenAPI description', () => {
  test('is OpenAPI 3.1, served at /api/openapi.json', async () => {
    const res = await fetch(new URL(OPENAPI_PATH, base));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(Object.keys(paths));
  });

  const samples = [...Object.keys(paths).map(concrete), ...EXTRA_PATHS];
  test.each(samples.flatMap((path) => METHODS.map((method) => ({ method, path }))))(
    '$method $path: answered exactly when described',
    async ({ method, path }) => {
      const template = templateOf(path);
      const described = template !== undefined && paths[template]?.[method] !== undefined;
      expect(await answers(method, path)).toBe(described);
    },
  );

  test('every $ref points at a component', () => {
    const refs = JSON.stringify(OPENAPI_DOCUMENT).match(/"#\/components\/[^"]+"/g) ?? [];
    for (const ref of new Set(refs)) {
      const [, , kind, name] = ref.slice(1, -1).split('/');
      const components = OPENAPI_DOCUMENT.components as Record<string, Record<string, unknown>>;
      expect(components[kind ?? '']?.[name ?? ''], ref).toBeDefined();
    }
  });
});
