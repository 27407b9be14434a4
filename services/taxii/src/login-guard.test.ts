import { describe, expect, test } from 'vitest';
import { createLoginGuard } from './login-guard.ts';

describe('login guard', () => {
  const options = { freeFailures: 3, firstLockMs: 1000, maxLockMs: 8000, forgetAfterMs: 60_000 };
  const clock = () => {
    let t = 0;
    return { now: () => t, advance: (ms: number) => (t += ms) };
  };
  const mallory = { address: '203.0.113.9', user: 'alice' };

  test('failures past the free ones lock the address for a window that doubles, up to the cap', () => {
    const c = clock();
    const guard = createLoginGuard(options, c.now);
    const locks: number[] = [];
    for (let i = 0; i < 8; i++) {
      expect(guard.wait({ address: '203.0.113.9' })).toBe(0);
      const lock = guard.failed({ address: '203.0.113.9' })[0];
      locks.push(lock?.lockMs ?? 0);
      c.advance(lock?.lockMs ?? 0);
    }
    expect(locks).toEqual([0, 0, 0, 1000, 2000, 4000, 8000, 8000]);
  });

  test('a locked address waits whatever user it claims next', () => {
    const c = clock();
    const guard = createLoginGuard(options, c.now);
    for (let i = 0; i < 4; i++) guard.failed({ address: mallory.address, user: `user${i}` });
    expect(guard.wait({ address: mallory.address, user: 'bob' })).toBe(1000);
    c.advance(400);
    expect(guard.wait({ address: mallory.address })).toBe(600);
    expect(guard.wait({ address: '198.51.100.1', user: 'bob' })).toBe(0);
  });

  test('a user name guessed at from many addresses is locked after twice the free failures', () => {
    const guard = createLoginGuard(options, clock().now);
    for (let i = 0; i < 6; i++) guard.failed({ address: `198.51.100.${i}`, user: 'alice' });
    expect(guard.wait({ address: '192.0.2.1', user: 'alice' })).toBe(0);
    guard.failed({ address: '198.51.100.7', user: 'alice' });
    expect(guard.wait({ address: '192.0.2.1', user: 'alice' })).toBe(1000);
    expect(guard.wait({ address: '192.0.2.1', user: 'bob' })).toBe(0);
  });

  test("a success clears the user's count but not the address's", () => {
    const c = clock();
    const guard = createLoginGuard(options, c.now);
    for (let i = 0; i < 3; i++) guard.failed(mallory);
    guard.succeeded({ address: mallory.address, user: 'mallory' });
    guard.succeeded(mallory);
    expect(guard.failed(mallory).map((lock) => lock.key)).toEqual(['address:203.0.113.9']);
  });

  test('a key quiet for the forget window starts again from zero', () => {
    const c = clock();
    const guard = createLoginGuard(options, c.now);
    for (let i = 0; i < 4; i++) guard.failed(mallory);
    c.advance(60_001);
    expect(guard.wait(mallory)).toBe(0);
    expect(guard.failed(mallory)).toEqual([]);
  });
});
