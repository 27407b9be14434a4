import { describe, expect, test } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { movesForward } from './progress.ts';
import { fromMicros, toMicros } from './time.ts';

describe('toMicros', () => {
  test.each([
    { input: '1970-01-01T00:00:00Z', expected: 0 },
    { input: '1970-01-01T00:00:00.000001Z', expected: 1 },
    { input: '2025-02-21T10:00:00.123456Z', expected: 1_740_132_000_123_456 },
    { input: '2025-02-21T10:00:00.1234567Z', expected: 1_740_132_000_123_456 },
    { input: '2025-02-21T10:00:00.5Z', expected: 1_740_132_000_500_000 },
    { input: '2025-02-21T12:00:00+02:00', expected: 1_740_132_000_000_000 },
    { input: '2025-02-21t10:00:00z', expected: 1_740_132_000_000_000 },
    { input: '2025-02-21', expected: undefined },
    { input: '2025-02-30T00:00:00Z', expected: undefined },
    { input: '2025-13-01T00:00:00Z', expected: undefined },
    { input: '2025-02-21T10:00:00', expected: undefined },
    { input: 'now', expected: undefined },
  ])('$input', ({ input, expected }) => {
    expect(toMicros(input)).toBe(expected);
  });
});

describe('fromMicros', () => {
  test.each([
    { micros: 0, expected: '1970-01-01T00:00:00.000000Z' },
    { micros: 1_740_132_000_123_456, expected: '2025-02-21T10:00:00.123456Z' },
    { micros: 1_740_132_000_000_007, expected: '2025-02-21T10:00:00.000007Z' },
  ])('$micros', ({ micros, expected }) => {
    expect(fromMicros(micros)).toBe(expected);
    expect(toMicros(expected)).toBe(micros);
  });
});

describe('cursor', () => {
  test('round-trips', () => {
    const cursor = { dateAdded: 1_740_132_000_123_456, id: 'indicator--00000000-0000-4000-8000-000000000001' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });
  test('round-trips with the scope of its request', () => {
    const cursor = { dateAdded: 1_740_132_000_123_456, id: 'indicator--1', scope: 'AbCdEfGh_-123456' };
    const token = encodeCursor(cursor);
    expect(token.startsWith('v2.')).toBe(true);
    expect(decodeCursor(token)).toEqual(cursor);
  });
  test.each([
    '',
    'v1.',
    'v1.!!!',
    'v2.MTIzfGE',
    `v1.${Buffer.from('abc|x').toString('base64url')}`,
    `v1.${Buffer.from('123|').toString('base64url')}`,
  ])('rejects %j', (token) => {
    expect(decodeCursor(token)).toBeUndefined();
  });
});

describe('movesForward', () => {
  test.each([
    { from: undefined, to: 'parsed', expected: true },
    { from: 'submitted', to: 'fetched', expected: true },
    { from: 'exported', to: 'parsed', expected: false },
    { from: 'parsed', to: 'parsed', expected: false },
    { from: 'extracted', to: 'failed', expected: true },
    { from: 'stored', to: 'failed', expected: false },
    { from: 'failed', to: 'extracted', expected: false },
    { from: 'failed', to: 'stored', expected: true },
    { from: 'submitted', to: 'duplicate', expected: true },
    { from: 'fetched', to: 'duplicate', expected: true },
    { from: 'duplicate', to: 'stored', expected: false },
    { from: 'duplicate', to: 'failed', expected: false },
    { from: 'duplicate', to: 'fetched', expected: false },
    { from: 'stored', to: 'duplicate', expected: false },
    { from: 'failed', to: 'duplicate', expected: false },
  ] as const)('$from -> $to', ({ from, to, expected }) => {
    expect(movesForward(from, to)).toBe(expected);
  });
});
