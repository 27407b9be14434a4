// Rate limiting per client: a token bucket each. A client holds up to `burst` tokens, gains
// `perSecond` a second, and spends one a request; with none left it is told when to come back.
// Buckets live in this process, so each replica limits on its own.

export interface RateLimit {
  perSecond: number;
  burst: number;
}

export interface RateLimiter {
  /** Spend a token of `key`: 0 when allowed, else the seconds until one is available. */
  take(key: string): number;
}

/** Past this many clients, buckets that have refilled (clients gone quiet) are forgotten. */
const MAX_BUCKETS = 10_000;

export function createRateLimiter(limit: RateLimit, now: () => number = () => performance.now()): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refill = (bucket: { tokens: number; at: number }, t: number) =>
    Math.min(limit.burst, bucket.tokens + ((t - bucket.at) / 1000) * limit.perSecond);

  function sweep(t: number) {
    for (const [key, bucket] of buckets) if (refill(bucket, t) >= limit.burst) buckets.delete(key);
  }

  return {
    take(key) {
      const t = now();
      const bucket = buckets.get(key);
      const tokens = bucket ? refill(bucket, t) : limit.burst;
      if (tokens < 1) {
        if (bucket) Object.assign(bucket, { tokens, at: t });
        return Math.max(1, Math.ceil((1 - tokens) / limit.perSecond));
      }
      if (!bucket && buckets.size >= MAX_BUCKETS) sweep(t);
      buckets.set(key, { tokens: tokens - 1, at: t });
      return 0;
    },
  };
}
