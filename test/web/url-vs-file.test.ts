import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROOT, runCli } from '../support/cli.ts';

// A document fetched by URL gives the same intelligence as the same document read from a file:
// the content type comes from the server instead of the file name, nothing else may change.

const DOCUMENTS = join(ROOT, 'test/fixtures/documents');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

interface StixObject {
  type: string;
  pattern?: string;
  name?: string;
}

/** What an analyst compares: the indicators' patterns and the named objects. */
function intelligence(stdout: string): string[] {
  const bundle = JSON.parse(stdout) as { objects: StixObject[] };
  return bundle.objects
    .filter((o) => o.type !== 'report' && o.type !== 'marking-definition' && o.type !== 'extension-definition')
    .map((o) => (o.type === 'indicator' ? `indicator ${o.pattern}` : `${o.type} ${o.name ?? ''}`))
    .sort();
}

let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? '/').slice(1));
    if (!readdirSync(DOCUMENTS).includes(name)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(name)] ?? 'application/octet-stream' });
    res.end(readFileSync(join(DOCUMENTS, name)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

describe.each(readdirSync(DOCUMENTS).sort())('%s', (name) => {
  test('by URL as from the file', async () => {
    const env = { STIXMILL_FETCH_ALLOW: base.replace('http://', '') };
    const [fromFile, fromUrl] = await Promise.all([
      runCli(['extract', join(DOCUMENTS, name)]),
      runCli(['extract', `${base}/${encodeURIComponent(name)}`], { env }),
    ]);
    expect(fromUrl.code).toBe(0);
    const expected = intelligence(fromFile.stdout);
    expect(expected.length).toBeGreaterThan(5);
    expect(intelligence(fromUrl.stdout)).toEqual(expected);
  });
});
