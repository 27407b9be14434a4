import { describe, expect, test } from 'vitest';
import { parseSince } from './replay.ts';

describe('replay --since', () => {
  const now = new Date('2026-03-04T12:00:00.000Z');
  test.each([
    { input: '2026-03-01T00:00:00Z', expected: '2026-03-01T00:00:00.000Z' },
    { input: '2026-03-01', expected: '2026-03-01T00:00:00.000Z' },
    { input: '90s', expected: '2026-03-04T11:58:30.000Z' },
    { input: '15m', expected: '2026-03-04T11:45:00.000Z' },
    { input: '6h', expected: '2026-03-04T06:00:00.000Z' },
    { input: '2d', expected: '2026-03-02T12:00:00.000Z' },
  ])('$input is $expected', ({ input, expected }) => {
    expect(parseSince(input, now).toISOString()).toBe(expected);
  });

  test.each(['yesterday', '15', '5w', '', '03/01/2026'])('%j is refused', (input) => {
    expect(() => parseSince(input, now)).toThrow(/--since/);
  });
});
