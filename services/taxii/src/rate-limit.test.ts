import { describe, expect, test } from 'vitest';
import { createRateLimiter } from './rate-limit.ts';

describe('createRateLimiter', () => {
  test('a burst, then one request per 1/rate seconds; clients apart', () => {
    let now = 0;
    const limiter = createRateLimiter({ perSecond: 2, burst: 3 }, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(1); // empty: retry after (1 - 0) / 2 s, rounded up
    expect(limiter.take('b')).toBe(0); // another client has its own bucket
    now += 500; // half a second gives one token back
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(1);
    now += 10_000; // never more than the burst
    expect([0, 1, 2, 3].map(() => limiter.take('a'))).toEqual([0, 0, 0, 1]);
  });

  test('a slow rate asks for a longer wait', () => {
    let now = 0;
    const limiter = createRateLimiter({ perSecond: 0.1, burst: 1 }, () => now);
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(10);
    now += 5_000;
    expect(limiter.take('a')).toBe(5);
  });
});
