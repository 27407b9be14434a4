import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eventually, ROOT, type Running, runCli, startStixmill } from '../support/cli.ts';

// `stixmill run` with the review gate on, as an operator starts it: a report submitted with
// `stixmill submit` is stored and kept for review, none of its objects reach the feed SOC
// platforms poll, and publishing puts exactly its bundle's objects there.

const TAXII = 'application/taxii+json;version=2.1';
const DEFAULT_ID = '9f3b6c1e-5a47-4c2d-8e0b-7d1f2a6c4e58';
const AUTH = `Bearer tok-reviewer`;

let stixmill: Running;
// biome-ignore lint/suspicious/noExplicitAny: bodies are checked field by field
type Json = any;

beforeAll(async () => {
  stixmill = await startStixmill({
    STIXMILL_REVIEW: 'review',
    STIXMILL_TAXII_TOKENS: 'reviewer:tok-reviewer',
    STIXMILL_TAXII_WRITERS: 'reviewer',
  });
}, 120_000);

afterAll(async () => {
  await stixmill?.stop();
});

async function json(path: string, init: RequestInit = {}) {
  const res = await fetch(new URL(path, stixmill.baseUrl), {
    ...init,
    headers: { accept: `${TAXII}, application/json`, authorization: AUTH, ...(init.headers as Record<string, string>) },
  });
  return { status: res.status, body: (await res.json()) as Json };
}

describe('stixmill run with STIXMILL_REVIEW=review', () => {
  test('submit says the objects wait; the feed has none until publish, then exactly the bundle', async () => {
    const document = join(ROOT, 'test/fixtures/documents/npm-campaign.md');
    const submitted = await runCli(['submit', document, '--server', stixmill.baseUrl], {
      env: { STIXMILL_API_TOKEN: 'tok-reviewer' },
      timeoutMs: 120_000,
    });
    expect(submitted.code).toBe(0);
    expect(submitted.stderr).toMatch(/wait for review; publish them with POST .*\/publish/);
    const { reportId } = JSON.parse(submitted.stdout.trim().split('\n').at(-1) ?? '{}') as { reportId: string };

    const feed = async () =>
      (await json(`/api/v21/collections/${DEFAULT_ID}/objects/?limit=1000`)).body.objects as { id: string }[];
    expect(await feed()).toEqual([]);
    const bundle = (await json(`/api/reports/${reportId}/bundle`)).body as { objects: { id: string; type: string }[] };
    expect(bundle.objects.length).toBeGreaterThan(5);

    const published = await json(`/api/reports/${reportId}/publish`, { method: 'POST' });
    expect(published.status).toBe(200);
    expect(published.body.published).toMatchObject({ by: 'reviewer' });
    const served = await eventually(async () => {
      const objects = await feed();
      return objects.length ? objects : undefined;
    }, 'objects in the feed');
    expect(served.map((o) => o.id).sort()).toEqual(
      [...new Set(bundle.objects.filter((o) => o.type !== 'bundle').map((o) => o.id))].sort(),
    );
  });
});
