import { createHash } from 'node:crypto';
import { createMemoryBlobStore } from '@stixmill/blobs';
import { type Log, PAYLOADS, type Payload, type StageContext, StageError } from '@stixmill/contracts';
import { expect, test } from 'vitest';
import { DEFAULT_FETCHER_CONFIG, type FetcherConfig } from './config.ts';
import { startServer } from './fixtures/http-server.ts';
import { createFetcherStage } from './stage.ts';

const silent: Log = { debug() {}, info() {}, warn() {}, error() {} };
const ctx: StageContext = { reportId: 'r-test-0001', log: silent, signal: new AbortController().signal };
const now = () => new Date('2026-02-01T12:00:00Z');

function submitted(source: Payload<'reports.submitted'>['source']): Payload<'reports.submitted'> {
  return PAYLOADS['reports.submitted'].parse({ source, context: { tlp: 'green', labels: ['dprk'] } });
}

function stageWith(config: Partial<FetcherConfig>) {
  const blobs = createMemoryBlobStore();
  const stage = createFetcherStage({ config: { ...DEFAULT_FETCHER_CONFIG, ...config }, blobs, now });
  return { stage, blobs };
}

test('the defaults are frozen and as documented', () => {
  expect(Object.isFrozen(DEFAULT_FETCHER_CONFIG)).toBe(true);
  expect(DEFAULT_FETCHER_CONFIG).toEqual({
    timeoutMs: 20_000,
    connectTimeoutMs: 5_000,
    maxBytes: 25 * 1024 * 1024,
    maxRedirects: 5,
    inlineMaxBytes: 512 * 1024,
    allow: [],
  });
});

test('a small fetched page travels inline, with its labels and context', async () => {
  const html = '<html><title>Justice Department</title><p>Chapman</p></html>';
  const server = await startServer((req, res) => {
    if (req.url === '/old') res.writeHead(301, { location: '/new' }).end();
    else res.writeHead(200, { 'content-type': 'text/html' }).end(html);
  });
  const { stage } = stageWith({ allow: [server.host] });
  const out = PAYLOADS['documents.fetched'].parse(
    await stage.handle(submitted({ kind: 'url', url: server.url('/old') }), ctx),
  );
  expect(out).toMatchObject({
    source: server.url('/old'),
    finalUrl: server.url('/new'),
    status: 200,
    contentType: 'text/html',
    size: html.length,
    sha256: createHash('sha256').update(html).digest('hex'),
    fetchedAt: '2026-02-01T12:00:00.000Z',
    context: { tlp: 'green', labels: ['dprk'] },
  });
  expect(out.body).toEqual({ kind: 'inline', base64: Buffer.from(html).toString('base64') });
});

test('a body over inlineMaxBytes goes to the blob store and only its ref travels', async () => {
  const text = 'wallet 0x'.padEnd(4096, 'a');
  const server = await startServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end(text));
  const { stage, blobs } = stageWith({ allow: [server.host], inlineMaxBytes: 1024 });
  const out = PAYLOADS['documents.fetched'].parse(
    await stage.handle(submitted({ kind: 'url', url: server.url() }), ctx),
  );
  expect(out.body.kind).toBe('blob');
  if (out.body.kind !== 'blob') return;
  expect(out.body.size).toBe(4096);
  expect(out.body.ref).toBe(`sha256:${out.sha256}`);
  expect(Buffer.from(await blobs.get(out.body.ref)).toString()).toBe(text);
});

test.each([
  {
    label: 'a PDF file',
    filename: 'indictment.pdf',
    contentType: undefined,
    body: '%PDF-1.4 ...',
    source: 'file:indictment.pdf',
    type: 'application/pdf',
  },
  {
    label: 'stdin HTML',
    filename: undefined,
    contentType: undefined,
    body: '<!doctype html><p>x',
    source: 'stdin',
    type: 'text/html',
  },
  {
    label: 'a Markdown file',
    filename: 'notes.md',
    contentType: undefined,
    body: '# Lazarus',
    source: 'file:notes.md',
    type: 'text/markdown',
  },
  {
    label: 'stdin JSON',
    filename: undefined,
    contentType: 'application/json',
    body: '{"a":1}',
    source: 'stdin',
    type: 'application/json',
  },
])('inline: $label', async ({ filename, contentType, body, source, type }) => {
  const { stage } = stageWith({});
  const out = await stage.handle(
    submitted({
      kind: 'inline',
      base64: Buffer.from(body).toString('base64'),
      ...(filename ? { filename } : {}),
      ...(contentType ? { contentType } : {}),
    }),
    ctx,
  );
  expect(out.source).toBe(source);
  expect(out.contentType).toBe(type);
  expect(out.filename).toBe(filename);
  expect(out.finalUrl).toBeUndefined();
});

test('an inline document over maxBytes is refused', async () => {
  const { stage } = stageWith({ maxBytes: 100 });
  const base64 = Buffer.alloc(200, 0x61).toString('base64');
  await expect(stage.handle(submitted({ kind: 'inline', base64 }), ctx)).rejects.toMatchObject({ code: 'too_large' });
});

test('a refused URL fails the stage with a non-retryable blocked_address', async () => {
  const { stage } = stageWith({});
  const error = await stage
    .handle(submitted({ kind: 'url', url: 'http://169.254.169.254/latest/meta-data/' }), ctx)
    .catch((e) => e);
  expect(error).toBeInstanceOf(StageError);
  expect(error).toMatchObject({ code: 'blocked_address', retryable: false });
  expect(error.message).toBe('refused: 169.254.169.254 is a cloud metadata service address');
});
