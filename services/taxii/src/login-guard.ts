// Password guessing. Failed logins are counted per address and per claimed user name; past a few
// free failures each further one locks the key for a window that doubles with every failure, up
// to a cap. A locked key is refused before its secret is checked, so a limited client learns
// nothing from its guesses: right or wrong, the answer is the same 429.
//
// A successful login clears its user's count but never its address's: otherwise an attacker
// holding one account of their own could log in between guesses at another and never be locked.
// Counts live in this process, like the rate limiter's buckets, so each replica guards on its own.

export interface LoginGuardOptions {
  /** Failures of an address allowed before it is locked; a user name gets twice as many. */
  freeFailures: number;
  /** The first lock; each further failure doubles it. */
  firstLockMs: number;
  maxLockMs: number;
  /** A key with no failure for this long starts again from zero. */
  forgetAfterMs: number;
}

export const DEFAULT_LOGIN_GUARD: LoginGuardOptions = {
  freeFailures: 5,
  firstLockMs: 1000,
  maxLockMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
};

/** The keys one login attempt counts against. */
export interface LoginKeys {
  address: string;
  /** The user name claimed (HTTP Basic), whether or not such a user exists. */
  user?: string | undefined;
}

export interface Lock {
  key: string;
  failures: number;
  lockMs: number;
}

export interface LoginGuard {
  /** Milliseconds until this attempt may be checked; 0 when neither key is locked. */
  wait(keys: LoginKeys): number;
  /** Count a failed login; returns the locks it set, for the log. */
  failed(keys: LoginKeys): Lock[];
  succeeded(keys: LoginKeys): void;
}

interface Count {
  failures: number;
  lockedUntil: number;
  last: number;
}

/** Past this many keys, those forgotten by time are dropped, then the oldest. */
const MAX_KEYS = 10_000;

export function createLoginGuard(
  options: Partial<LoginGuardOptions> = {},
  now: () => number = () => Date.now(),
): LoginGuard {
  const o = { ...DEFAULT_LOGIN_GUARD, ...options };
  const counts = new Map<string, Count>();
  const named = (keys: LoginKeys) => [
    { key: `address:${keys.address}`, free: o.freeFailures },
    ...(keys.user === undefined ? [] : [{ key: `user:${keys.user}`, free: 2 * o.freeFailures }]),
  ];
  const current = (key: string, t: number): Count | undefined => {
    const count = counts.get(key);
    if (count && t - count.last > o.forgetAfterMs && t >= count.lockedUntil) {
      counts.delete(key);
      return undefined;
    }
    return count;
  };
  function makeRoom(t: number) {
    for (const key of counts.keys()) current(key, t);
    for (const key of counts.keys()) {
      if (counts.size < MAX_KEYS) break;
      counts.delete(key);
    }
  }

  return {
    wait(keys) {
      const t = now();
      let wait = 0;
      for (const { key } of named(keys)) wait = Math.max(wait, (current(key, t)?.lockedUntil ?? 0) - t);
      return wait;
    },
    failed(keys) {
      const t = now();
      const locks: Lock[] = [];
      for (const { key, free } of named(keys)) {
        let count = current(key, t);
        if (!count) {
          if (counts.size >= MAX_KEYS) makeRoom(t);
          count = { failures: 0, lockedUntil: 0, last: t };
        }
        // Re-inserting keeps the map in order of last failure, so the oldest go first.
        counts.delete(key);
        counts.set(key, count);
        count.failures++;
        count.last = t;
        const over = count.failures - free;
        if (over > 0) {
          const lockMs = Math.min(o.maxLockMs, o.firstLockMs * 2 ** Math.min(over - 1, 30));
          count.lockedUntil = t + lockMs;
          locks.push({ key, failures: count.failures, lockMs });
        }
      }
      return locks;
    },
    succeeded(keys) {
      if (keys.user !== undefined) counts.delete(`user:${keys.user}`);
    },
  };
}
