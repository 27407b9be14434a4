import { createHash } from 'node:crypto';
import { createMemoryBlobStore } from '@stixmill/blobs';
import { isSkipped, type Log, PAYLOADS, type Payload, type StageContext, StageError } from '@stixmill/contracts';
import { startServer } from '@stixmill/safe-fetch/testing';
import { describe, expect, test } from 'vitest';
import { DEFAULT_FETCHER_CONFIG, type FetcherConfig } from './config.ts';
import { createMemorySeen } from './seen.ts';
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
    concurrency: 8,
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
  const out = PAYLOADS['documents.fetched'].parse(
    await stage.handle(
      submitted({
        kind: 'inline',
        base64: Buffer.from(body).toString('base64'),
        ...(filename ? { filename } : {}),
        ...(contentType ? { contentType } : {}),
      }),
      ctx,
    ),
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

describe('dedupe with a Seen memory', () => {
  const ctxOf = (reportId: string): StageContext => ({ ...ctx, reportId });
  const urlReport = (url: string, rerun = false) =>
    PAYLOADS['reports.submitted'].parse({ source: { kind: 'url', url }, context: { rerun } });

  function withSeen(config: Partial<FetcherConfig>) {
    const seen = createMemorySeen();
    const stage = createFetcherStage({
      config: { ...DEFAULT_FETCHER_CONFIG, ...config },
      blobs: createMemoryBlobStore(),
      seen,
      now,
    });
    return { stage, seen };
  }

  async function pageServer() {
    let page = '<html><title>Advisory</title><p>hirelancer-talent[.]com</p></html>';
    const server = await startServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page));
    return { server, change: (next: string) => (page = next) };
  }

  test('the same URL with the same content is a duplicate of the first report', async () => {
    const { server } = await pageServer();
    const { stage, seen } = withSeen({ allow: [server.host] });
    const first = await stage.handle(urlReport(server.url('/a')), ctxOf('r-first-0001'));
    expect(isSkipped(first)).toBe(false);
    const second = await stage.handle(urlReport(server.url('/a')), ctxOf('r-second-0002'));
    expect(second).toEqual({
      skipped: { stage: 'duplicate', reason: 'same content as r-first-0001', duplicateOf: 'r-first-0001' },
    });
    expect(await seen.check(PAYLOADS['documents.fetched'].parse(first).sha256)).toBe('r-first-0001');
  });

  test.each([
    { label: 'the same report redelivered', reportId: 'r-first-0001', rerun: false, remembered: 'r-first-0001' },
    { label: 'a re-run', reportId: 'r-rerun-0002', rerun: true, remembered: 'r-rerun-0002' },
  ])('$label goes on', async ({ reportId, rerun, remembered }) => {
    const { server } = await pageServer();
    const { stage, seen } = withSeen({ allow: [server.host] });
    await stage.handle(urlReport(server.url()), ctxOf('r-first-0001'));
    const out = PAYLOADS['documents.fetched'].parse(
      await stage.handle(urlReport(server.url(), rerun), ctxOf(reportId)),
    );
    expect(out.context.rerun).toBe(rerun);
    expect(await seen.check(out.sha256)).toBe(remembered);
  });

  test('a changed page at the same URL is processed again', async () => {
    const { server, change } = await pageServer();
    const { stage, seen } = withSeen({ allow: [server.host] });
    const first = PAYLOADS['documents.fetched'].parse(
      await stage.handle(urlReport(server.url()), ctxOf('r-first-0001')),
    );
    change('<html><title>Advisory (updated)</title><p>devstaff-remote[.]net</p></html>');
    const second = PAYLOADS['documents.fetched'].parse(
      await stage.handle(urlReport(server.url()), ctxOf('r-second-0002')),
    );
    expect(second.sha256).not.toBe(first.sha256);
    expect(await seen.check(second.sha256)).toBe('r-second-0002');
    expect(await seen.check(first.sha256)).toBe('r-first-0001');
  });

  test('the same bytes uploaded under another name are a duplicate; a URL serving them too', async () => {
    const { server } = await pageServer();
    const page = await (await fetch(server.url())).text();
    const { stage } = withSeen({ allow: [server.host] });
    const inline = (filename: string) =>
      submitted({ kind: 'inline', base64: Buffer.from(page).toString('base64'), filename });
    expect(isSkipped(await stage.handle(inline('advisory.html'), ctxOf('r-upload-0001')))).toBe(false);
    expect(await stage.handle(inline('copy.html'), ctxOf('r-upload-0002'))).toMatchObject({
      skipped: { duplicateOf: 'r-upload-0001' },
    });
    expect(await stage.handle(urlReport(server.url()), ctxOf('r-url-0003'))).toMatchObject({
      skipped: { duplicateOf: 'r-upload-0001' },
    });
  });

  test('without a Seen memory (one-shot mode) nothing is a duplicate', async () => {
    const { stage } = stageWith({});
    const report = submitted({ kind: 'inline', base64: Buffer.from('# same').toString('base64') });
    expect(isSkipped(await stage.handle(report, ctxOf('r-first-0001')))).toBe(false);
    expect(isSkipped(await stage.handle(report, ctxOf('r-second-0002')))).toBe(false);
  });

  test('a failed fetch is not remembered', async () => {
    const { stage, seen } = withSeen({ maxBytes: 4 });
    const body = Buffer.from('too long for the limit');
    await expect(
      stage.handle(submitted({ kind: 'inline', base64: body.toString('base64') }), ctx),
    ).rejects.toMatchObject({
      code: 'too_large',
    });
    expect(await seen.check(createHash('sha256').update(body).digest('hex'))).toBeUndefined();
  });
});
