import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_COLLECTION_ID, openStore, type Store } from '@stixmill/store';
import { createHttpApp } from '@stixmill/taxii';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testIndicator } from '../support/stix-objects.ts';
import { venvPython } from './python.ts';

// The taxii2-client guide's script, run as the guide prints it, with the real OASIS client
// against a server that holds a known feed: a guide that stops working fails here.

const run = promisify(execFile);
const GUIDE = join(import.meta.dirname, '..', '..', 'docs', 'clients', 'taxii2-client.md');

/** The first ```python block of a Markdown file. */
function pythonBlock(path: string): string {
  const block = /```python\n([\s\S]*?)```/.exec(readFileSync(path, 'utf8'))?.[1];
  if (!block) throw new Error(`${path} has no python block`);
  return block;
}

const indicator = (n: number) => testIndicator(n, `[domain-name:value = 'recruiter-${n}.example']`, '50000000');

describe('docs/clients/taxii2-client.md', () => {
  let store: Store;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    store = await openStore();
    const domains = Array.from({ length: 130 }, (_, n) => ({
      type: 'domain-name',
      spec_version: '2.1',
      id: `domain-name--50000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      value: `host-${n}.example`,
    }));
    await store.putObjects(DEFAULT_COLLECTION_ID, [...domains, ...Array.from({ length: 12 }, (_, n) => indicator(n))]);
    const app = createHttpApp({ store, auth: { users: [{ name: 'splunk', password: 'guide-pw' }] } });
    server = createServer((req, res) => void app(req, res));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((done) => server?.close(done));
    await store?.close();
  });

  test('the script reads every object across pages, the indicators, and what was added after a time', async () => {
    const { stdout } = await run(venvPython(), ['-c', pythonBlock(GUIDE)], {
      env: { ...process.env, STIXMILL_URL: url, STIXMILL_USER: 'splunk', STIXMILL_PASSWORD: 'guide-pw' },
      timeout: 120_000,
    });
    expect(stdout).toContain('objects: 142');
    expect(stdout).toContain('indicators: 12');
    expect(stdout).toContain("[domain-name:value = 'recruiter-0.example']");
    expect(stdout).toContain('added after the first: 100');
  });
});
