import { describe, expect, test } from 'vitest';
import { childTrace, decode, encode, makeEnvelope, newReportId, StageError } from './index.ts';

describe('codec', () => {
  const reportId = newReportId(new Date('2026-01-01T00:00:00Z'));

  test('round-trips a valid message and fills defaults', () => {
    const env = makeEnvelope('reports.submitted', reportId, {
      source: { kind: 'url', url: 'https://example.org/report' },
      context: {},
    });
    const back = decode('reports.submitted', encode('reports.submitted', env));
    expect(back.payload.context.tlp).toBe('clear');
    expect(back.payload.source).toEqual({ kind: 'url', url: 'https://example.org/report' });
    expect(back.reportId).toBe(reportId);
  });

  test.each([
    { label: 'not JSON', raw: '{oops', message: /not JSON/ },
    { label: 'wrong shape', raw: JSON.stringify({ id: 'x' }), message: /does not match its contract/ },
    {
      label: 'a file: URL',
      raw: JSON.stringify({
        ...makeEnvelope('reports.submitted', reportId, {
          source: { kind: 'url', url: 'https://a.example/' },
          context: {},
        }),
        payload: { source: { kind: 'url', url: 'file:///etc/passwd' }, context: {} },
      }),
      message: /payload\.source\.url/,
    },
  ])('rejects $label with a coded, non-retryable error', ({ raw, message }) => {
    let caught: unknown;
    try {
      decode('reports.submitted', raw);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(StageError);
    expect((caught as StageError).code).toBe('invalid_message');
    expect((caught as StageError).retryable).toBe(false);
    expect((caught as StageError).message).toMatch(message);
  });

  test('a child trace keeps the trace id and changes the span', () => {
    const env = makeEnvelope('reports.submitted', reportId, {
      source: { kind: 'url', url: 'https://a.example/' },
      context: {},
    });
    const child = childTrace(env.trace);
    expect(child.traceparent.split('-')[1]).toBe(env.trace.traceparent.split('-')[1]);
    expect(child.traceparent.split('-')[2]).not.toBe(env.trace.traceparent.split('-')[2]);
  });
});
