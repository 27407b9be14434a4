import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Log } from '@stixmill/contracts';
import { TLP_MARKINGS } from '@stixmill/stix';
import { openStore, type StixObject, type Store } from '@stixmill/store';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHttpApp, TAXII_MEDIA_TYPE } from './index.ts';

// Hostile TAXII requests: malformed ids, objects nested past reason, and STIX that parses but
// means nothing valid. Each gets a 400 or a refusal with its reason in the status, never a 500.

const quiet: Log = { debug() {}, info() {}, warn() {}, error() {} };
let store: Store;
let server: Server;
let base: string;

beforeAll(async () => {
  store = await openStore();
  const app = createHttpApp({ store, log: quiet });
  server = createServer((req, res) => void app(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await store.close();
});

async function taxii(path: string, init: RequestInit = {}) {
  const res = await fetch(new URL(path, base), {
    ...init,
    headers: { accept: TAXII_MEDIA_TYPE, 'content-type': TAXII_MEDIA_TYPE },
  });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
  const body: any = text ? JSON.parse(text) : undefined;
  return { status: res.status, type: res.headers.get('content-type'), body };
}

async function writable(): Promise<string> {
  const id = randomUUID();
  await store.putCollection({ id, title: `hostile ${id}`, canRead: true, canWrite: true });
  return id;
}

const post = (collection: string, objects: unknown[]) =>
  taxii(`/api/v21/collections/${collection}/objects/`, { method: 'POST', body: JSON.stringify({ objects }) });

const uuid = (n: number) => `20000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const indicator = (n: number, extra: Record<string, unknown> = {}): StixObject => ({
  type: 'indicator',
  spec_version: '2.1',
  id: `indicator--${uuid(n)}`,
  created: '2025-02-21T10:00:00.000Z',
  modified: '2025-02-21T10:00:00.000Z',
  pattern: `[domain-name:value = 'laptop-farm${n}.example']`,
  pattern_type: 'stix',
  valid_from: '2025-02-21T10:00:00Z',
  ...extra,
});

describe('TAXII: %00 in ids answers 400, not 500', () => {
  test.each([
    '/api/v21/collections/%00/',
    '/api/v21/collections/%00/objects/',
    `/api/v21/collections/${randomUUID()}/objects/indicator--${uuid(1)}%00/`,
    '/api/v21/status/%00/',
    '/api/v21/collections/default/objects/?match[id]=indicator--%00',
  ])('%s', async (path) => {
    const reply = await taxii(path);
    expect(reply.status).toBe(400);
    expect(reply.type).toBe(TAXII_MEDIA_TYPE);
    expect(reply.body).toMatchObject({ http_status: '400' });
    expect(reply.body.description).toMatch(/NUL/);
  });

  test('the report API too', async () => {
    const res = await fetch(new URL('/api/reports/%00', base));
    expect(res.status).toBe(400);
  });
});

describe('TAXII: objects nested 5,000 deep are refused with a reason, not a 500', () => {
  test('a deep object is a failure in the status; its neighbours are stored', async () => {
    const c = await writable();
    // Written out, not JSON.stringify'd: stringify recurses, and 5,000 levels overflow the test's stack.
    const deep = `${'{"x":'.repeat(5000)}"bottom"${'}'.repeat(5000)}`;
    const first = JSON.stringify(indicator(1, { x_deep: 0 })).replace('"x_deep":0', `"x_deep":${deep}`);
    const posted = await taxii(`/api/v21/collections/${c}/objects/`, {
      method: 'POST',
      body: `{"objects":[${first},${JSON.stringify(indicator(2))}]}`,
    });
    expect(posted.status).toBe(202);
    expect(posted.body).toMatchObject({ success_count: 1, failure_count: 1 });
    expect(posted.body.failures[0]).toMatchObject({ id: `indicator--${uuid(1)}` });
    expect(posted.body.failures[0].message).toMatch(/nested deeper than 64 levels/);
  });

  test('an envelope nested 100,000 deep is a 400', async () => {
    const c = await writable();
    const body = `{"objects":[${'['.repeat(100_000)}${']'.repeat(100_000)}]}`;
    const res = await fetch(new URL(`/api/v21/collections/${c}/objects/`, base), {
      method: 'POST',
      body,
      headers: { accept: TAXII_MEDIA_TYPE, 'content-type': TAXII_MEDIA_TYPE },
    });
    expect(res.status).toBe(202);
    expect(((await res.json()) as { failures: { message: string }[] }).failures[0]?.message).toMatch(/nested deeper/);
    const health = await fetch(new URL('/healthz', base));
    expect(health.status).toBe(200);
  });
});

describe('TAXII: semantically invalid STIX is refused with the reason in the status', () => {
  test.each([
    {
      label: 'an indicator whose pattern does not parse',
      object: indicator(3, { pattern: "[domain-name:value = 'a'" }),
      reason: /not a STIX pattern: expected '\]'/,
    },
    {
      label: 'an indicator without a pattern',
      object: indicator(4, { pattern: undefined }),
      reason: /needs a pattern/,
    },
    {
      label: 'an indicator without valid_from',
      object: indicator(5, { valid_from: undefined }),
      reason: /needs valid_from/,
    },
    {
      label: 'modified before created',
      object: indicator(6, { modified: '2025-02-20T10:00:00.000Z' }),
      reason: /modified is before created/,
    },
    {
      label: 'a marking definition that reuses the TLP:RED id to say CLEAR',
      object: {
        ...TLP_MARKINGS.red,
        name: 'TLP:CLEAR',
        extensions: {
          [Object.keys(TLP_MARKINGS.red.extensions ?? {})[0] as string]: {
            extension_type: 'property-extension',
            tlp_2_0: 'clear',
          },
        },
      },
      reason: /is TLP:RED \(TLP 2\.0\)/,
    },
    {
      label: 'a marking definition that reuses the TLP 1.0 WHITE id with a statement',
      object: {
        type: 'marking-definition',
        spec_version: '2.1',
        id: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
        created: '2017-01-20T00:00:00.000Z',
        definition_type: 'statement',
        definition: { statement: 'share freely' },
      },
      reason: /is TLP:WHITE/,
    },
    { label: 'a string with NUL', object: indicator(7, { name: 'nul\u0000' }), reason: /NUL/ },
  ])('$label', async ({ object, reason }) => {
    const c = await writable();
    const posted = await post(c, [object]);
    expect(posted.status).toBe(202);
    expect(posted.body).toMatchObject({ success_count: 0, failure_count: 1 });
    expect(posted.body.failures[0].message).toMatch(reason);
    const listed = await taxii(`/api/v21/collections/${c}/objects/`);
    expect(listed.body.objects ?? []).toEqual([]);
  });

  test('the published TLP markings and valid indicators are kept', async () => {
    const c = await writable();
    const posted = await post(c, [
      TLP_MARKINGS.red,
      indicator(8),
      indicator(9, { pattern: 'rule x { condition: true }', pattern_type: 'yara' }),
    ]);
    expect(posted.body).toMatchObject({ success_count: 3, failure_count: 0 });
  });
});

describe('TAXII: discovery does not reflect a forged Host header', () => {
  async function discovery(app: ReturnType<typeof createHttpApp>, host: string) {
    const server = createServer((req, res) => void app(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const { request } = await import('node:http');
      return await new Promise<{ status: number; body: { api_roots?: string[]; default?: string } }>(
        (resolve, reject) => {
          const req = request(
            { host: '127.0.0.1', port, path: '/taxii2/', headers: { host, accept: TAXII_MEDIA_TYPE } },
            (res) => {
              let text = '';
              res.on('data', (d: Buffer) => {
                text += d.toString();
              });
              res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
            },
          );
          req.on('error', reject);
          req.end();
        },
      );
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }

  test('with a public URL configured, links use it whatever Host says', async () => {
    const app = createHttpApp({ store, log: quiet, publicBaseUrl: 'https://cti.example.org' });
    const answer = await discovery(app, 'evil.example');
    expect(answer.status).toBe(200);
    expect(answer.body.api_roots).toEqual(['https://cti.example.org/api/v21/']);
    expect(JSON.stringify(answer.body)).not.toContain('evil.example');
  });

  test('without one, a Host that is not a host[:port] is not used', async () => {
    const app = createHttpApp({ store, log: quiet });
    const answer = await discovery(app, 'evil.example/@attacker.example');
    expect(JSON.stringify(answer.body)).not.toContain('attacker.example');
  });
});
