import { createHash } from 'node:crypto';
import { createMemoryBlobStore } from '@stixmill/blobs';
import { type Log, PAYLOADS, type PayloadInput, type StageContext } from '@stixmill/contracts';
import { expect, test } from 'vitest';
import { createParserStage } from './stage.ts';

const silent: Log = { debug() {}, info() {}, warn() {}, error() {} };
const ctx: StageContext = { reportId: 'r-test-0002', log: silent, signal: new AbortController().signal };
const html = Buffer.from(
  '<html><head><title>Bybit theft</title></head><body><p>Lazarus Group stole funds.</p></body></html>',
);
const sha256 = createHash('sha256').update(html).digest('hex');

function fetched(body: PayloadInput<'documents.fetched'>['body'], hash = sha256) {
  return PAYLOADS['documents.fetched'].parse({
    source: 'https://www.example.com/news/bybit',
    finalUrl: 'https://www.example.com/news/bybit',
    status: 200,
    contentType: 'text/html',
    sha256: hash,
    size: html.length,
    fetchedAt: '2026-02-01T12:00:00.000Z',
    body,
    context: { tlp: 'amber', labels: ['lazarus'] },
  });
}

test('an inline body is parsed and the context carried', async () => {
  const stage = createParserStage({ blobs: createMemoryBlobStore() });
  const out = PAYLOADS['documents.parsed'].parse(
    await stage.handle(fetched({ kind: 'inline', base64: html.toString('base64') }), ctx),
  );
  expect(out.document?.text).toBe('Bybit theft\n\nLazarus Group stole funds.');
  expect(out.document?.meta).toMatchObject({ title: 'Bybit theft', site: 'www.example.com', sha256 });
  expect(out.context).toMatchObject({ tlp: 'amber', labels: ['lazarus'] });
});

test('a claim-checked body is read from the blob store', async () => {
  const blobs = createMemoryBlobStore();
  const ref = await blobs.put(html);
  const out = await createParserStage({ blobs }).handle(fetched({ kind: 'blob', ref, size: html.length }), ctx);
  expect(out.document?.text).toContain('Lazarus Group stole funds.');
});

test('a parsed document too large for a message goes to the blob store (claim check)', async () => {
  const blobs = createMemoryBlobStore();
  const out = PAYLOADS['documents.parsed'].parse(
    await createParserStage({ blobs, inlineMaxBytes: 64 }).handle(
      fetched({ kind: 'inline', base64: html.toString('base64') }),
      ctx,
    ),
  );
  expect(out.document).toBeUndefined();
  expect(out.documentRef).toMatchObject({ kind: 'blob', ref: expect.stringMatching(/^sha256:/) });
  const stored = JSON.parse(Buffer.from(await blobs.get(out.documentRef?.ref ?? '')).toString('utf8'));
  expect(stored.text).toBe('Bybit theft\n\nLazarus Group stole funds.');
  expect(stored.meta).toMatchObject({ title: 'Bybit theft', sha256 });
});

test('a body that does not match its sha256 is refused', async () => {
  const stage = createParserStage({ blobs: createMemoryBlobStore() });
  await expect(
    stage.handle(fetched({ kind: 'inline', base64: html.toString('base64') }, '0'.repeat(64)), ctx),
  ).rejects.toMatchObject({ code: 'invalid_message' });
});

test('a missing blob fails with store_failed, not retried', async () => {
  const stage = createParserStage({ blobs: createMemoryBlobStore() });
  await expect(
    stage.handle(fetched({ kind: 'blob', ref: `sha256:${sha256}`, size: html.length }), ctx),
  ).rejects.toMatchObject({ code: 'store_failed', retryable: false });
});
