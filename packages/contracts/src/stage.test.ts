import { expect, test } from 'vitest';
import { makeEnvelope } from './codec.ts';
import { PAYLOADS, reportStageOf } from './messages.ts';
import { isSkipped } from './stage.ts';
import { CONSUMER_OF_TOPIC, isFinalStage, REPORT_STAGES, SERVICE_NAMES, TOPICS } from './topics.ts';

test.each([
  {
    label: 'a duplicate',
    value: { skipped: { stage: 'duplicate', reason: 'same content as r-first-0001' } },
    expected: true,
  },
  { label: 'a payload', value: { source: 'file:x', context: {} }, expected: false },
  { label: 'undefined (a sink)', value: undefined, expected: false },
  { label: 'null', value: null, expected: false },
  { label: 'skipped that is not an object', value: { skipped: true }, expected: false },
])('isSkipped: $label', ({ value, expected }) => {
  expect(isSkipped(value)).toBe(expected);
});

test('a status message names its own stage; other topics imply theirs', () => {
  const status = makeEnvelope('reports.status', 'r-second-0002', {
    stage: 'duplicate',
    reason: 'same content as r-first-0001',
    duplicateOf: 'r-first-0001',
    context: {},
  });
  expect(reportStageOf(status)).toBe('duplicate');
  const submitted = makeEnvelope('reports.submitted', 'r-second-0002', {
    source: { kind: 'url', url: 'https://www.justice.gov/opa/pr/x' },
    context: {},
  });
  expect(reportStageOf(submitted)).toBe('submitted');
});

test.each([
  { label: 'an unknown status', payload: { stage: 'stored', reason: 'x', context: {} } },
  { label: 'no reason', payload: { stage: 'duplicate', reason: '', context: {} } },
  { label: 'a malformed report id', payload: { stage: 'duplicate', reason: 'x', duplicateOf: '../x', context: {} } },
])('reports.status refuses $label', ({ payload }) => {
  expect(PAYLOADS['reports.status'].safeParse(payload).success).toBe(false);
});

test('reports.status is read by the taxii process, and each service is named once', () => {
  expect(TOPICS).toContain('reports.status');
  expect(CONSUMER_OF_TOPIC['reports.status']).toBe('taxii');
  expect(SERVICE_NAMES).toEqual(['fetcher', 'parser', 'extractor', 'exporter', 'taxii']);
});

test('duplicate is a final stage, like stored and failed', () => {
  expect(REPORT_STAGES.filter(isFinalStage)).toEqual(['stored', 'failed', 'duplicate']);
});
