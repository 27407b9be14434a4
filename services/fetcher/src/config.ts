// The fetcher's settings with their defaults in one place. The integrator parses environment
// variables into a FetcherConfig; nothing here reads process.env.

export interface FetcherConfig {
  /** The whole fetch: every redirect and the body. */
  timeoutMs: number;
  connectTimeoutMs: number;
  /** Largest document accepted, as received and once decompressed. */
  maxBytes: number;
  maxRedirects: number;
  /** Bodies up to this size travel inside the message; larger ones go to the blob store. */
  inlineMaxBytes: number;
  /** host:port pairs that may be private addresses (an intranet mirror, a test server). */
  allow: readonly string[];
  /** Documents fetched at once by one fetcher: a slow source then delays only itself. */
  concurrency: number;
}

export const DEFAULT_FETCHER_CONFIG: Readonly<FetcherConfig> = Object.freeze({
  timeoutMs: 20_000,
  connectTimeoutMs: 5_000,
  maxBytes: 25 * 1024 * 1024,
  maxRedirects: 5,
  // Base64 of 512 KiB is ~683 KB: under Kafka's default 1 MB message limit with room for the envelope.
  inlineMaxBytes: 512 * 1024,
  allow: Object.freeze([]) as readonly string[],
  concurrency: 8,
});
