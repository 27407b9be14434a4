import { FindingsExtractedV1, type StageContext, StageError } from '@stixmill/contracts';
import { parseBundle } from '@stixmill/stix';
import { describe, expect, test } from 'vitest';
import { createExporterStage } from './stage.ts';

const logged: { level: string; obj: object }[] = [];
const ctx: StageContext = {
  reportId: 'r-test-0001',
  signal: new AbortController().signal,
  log: {
    debug: (obj) => logged.push({ level: 'debug', obj }),
    info: (obj) => logged.push({ level: 'info', obj }),
    warn: (obj) => logged.push({ level: 'warn', obj }),
    error: (obj) => logged.push({ level: 'error', obj }),
  },
};

const payload = FindingsExtractedV1.parse({
  meta: { source: 'https://a.example/r', contentType: 'text/html', sha256: 'a'.repeat(64) },
  findings: [
    {
      id: 'd',
      type: 'domain-name',
      value: 'a.example',
      evidence: [{ start: 0, end: 9, sentence: 'a.example was used.' }],
      confidence: 70,
    },
    {
      id: 'l',
      type: 'location',
      value: 'somewhere',
      evidence: [{ start: 0, end: 9, sentence: 'somewhere.' }],
      confidence: 20,
    },
  ],
  relations: [],
  context: { tlp: 'green' },
});

describe('createExporterStage', () => {
  test('findings.extracted -> stix.bundles with the injected clock; skipped findings are logged', async () => {
    const stage = createExporterStage({ clock: () => new Date('2026-02-03T04:05:06.789Z') });
    expect([stage.name, stage.from, stage.to]).toEqual(['exporter', 'findings.extracted', 'stix.bundles']);
    const out = await stage.handle(payload, ctx);
    expect(out.meta).toEqual(payload.meta);
    expect(out.context).toEqual(payload.context);
    const bundle = parseBundle(out.bundle);
    const report = bundle.objects.find((o) => o.type === 'report');
    expect(report?.created).toBe('2026-02-03T04:05:06.789Z');
    expect(logged.some((l) => l.level === 'warn' && (l.obj as { findingId?: string }).findingId === 'l')).toBe(true);
  });

  test('a redelivered message gives byte-identical objects: timestamps come from the submission, not the clock', async () => {
    let tick = 0;
    const stage = createExporterStage({ clock: () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++)) });
    const submitted = { ...payload, context: { ...payload.context, submittedAt: '2026-03-04T05:06:07.000Z' } };
    const first = await stage.handle(submitted, ctx);
    const again = await stage.handle(submitted, ctx);
    expect(again.bundle.objects).toEqual(first.bundle.objects);
    const report = first.bundle.objects.find((o) => o.type === 'report') as { modified?: string } | undefined;
    expect(report?.modified).toBe('2026-03-04T05:06:07.000Z');
  });

  test('a failure is a non-retryable export_failed StageError', async () => {
    const stage = createExporterStage({ producerName: '   ' });
    const error = await stage.handle(payload, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StageError);
    expect((error as StageError).code).toBe('export_failed');
    expect((error as StageError).retryable).toBe(false);
  });
});
