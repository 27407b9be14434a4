import { createMemoryBlobStore } from '@stixmill/blobs';
import { type ParsedDocument, StageError } from '@stixmill/contracts';
import { describe, expect, test } from 'vitest';
import { createExtractorStage } from './stage.ts';

const document: ParsedDocument = {
  meta: { source: 'file:report.txt', contentType: 'text/plain', sha256: 'a'.repeat(64) },
  text: 'Contact evil@bad.example',
  blocks: [{ kind: 'paragraph', start: 0, end: 24 }],
  links: [],
};
const ctx = {
  reportId: 'report-0001',
  signal: new AbortController().signal,
  log: { debug() {}, info() {}, warn() {}, error() {} },
};
const context = { tlp: 'amber' as const, labels: ['dprk'], rerun: false };

describe('extractor stage', () => {
  test('carries the document meta and context forward with the findings', async () => {
    const stage = createExtractorStage({
      extract: (doc) => ({
        findings: [
          {
            id: 'email-addr:evil@bad.example',
            type: 'email-addr',
            value: doc.text.slice(8),
            aliases: [],
            props: {},
            evidence: [{ start: 8, end: 24, sentence: doc.text }],
            confidence: 80,
          },
        ],
        relations: [],
      }),
    });
    const out = await stage.handle({ document, context }, ctx);
    expect(out.meta).toEqual(document.meta);
    expect(out.context).toEqual(context);
    expect(out.findings.map((f) => f.value)).toEqual(['evil@bad.example']);
  });

  test('an extractor crash becomes a non-retryable extract_failed error', async () => {
    const stage = createExtractorStage({
      extract: () => {
        throw new Error('regex exploded');
      },
    });
    const error = await stage.handle({ document, context }, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StageError);
    expect((error as StageError).code).toBe('extract_failed');
    expect((error as StageError).retryable).toBe(false);
  });

  test('a claim-checked document is read from the blob store', async () => {
    const blobs = createMemoryBlobStore();
    const ref = await blobs.put(Buffer.from(JSON.stringify(document)));
    const seen: string[] = [];
    const stage = createExtractorStage({
      blobs,
      extract: (doc) => {
        seen.push(doc.text);
        return { findings: [], relations: [] };
      },
    });
    const out = await stage.handle({ documentRef: { kind: 'blob', ref, size: 1 }, context }, ctx);
    expect(seen).toEqual([document.text]);
    expect(out.meta).toEqual(document.meta);
  });

  test('a claim check naming a blob that is not a parsed document is an invalid message', async () => {
    const blobs = createMemoryBlobStore();
    const ref = await blobs.put(Buffer.from('{"not":"a document"}'));
    const stage = createExtractorStage({ blobs, extract: () => ({ findings: [], relations: [] }) });
    await expect(stage.handle({ documentRef: { kind: 'blob', ref, size: 1 }, context }, ctx)).rejects.toMatchObject({
      code: 'invalid_message',
    });
  });
});
