import { readFileSync } from 'node:fs';
import type { Config } from '@stixmill/runtime';
import type { HttpAppDeps } from './app.ts';
import { type CollectionConfig, parseCollectionsConfig } from './collections-config.ts';

/** What of createHttpApp's options the environment decides. */
export type HttpOptions = Pick<
  HttpAppDeps,
  'auth' | 'collections' | 'rateLimit' | 'loginGuard' | 'publicBaseUrl' | 'maxUploadBytes'
>;

type HttpConfig = Pick<
  Config,
  | 'STIXMILL_PUBLIC_URL'
  | 'STIXMILL_TAXII_USERS'
  | 'STIXMILL_TAXII_TOKENS'
  | 'STIXMILL_TAXII_WRITERS'
  | 'STIXMILL_TAXII_PLAIN_CLIENTS'
  | 'STIXMILL_TAXII_REVIEWERS'
  | 'STIXMILL_TAXII_ANONYMOUS_READ'
  | 'STIXMILL_TAXII_COLLECTIONS'
  | 'STIXMILL_RATE_LIMIT_PER_SECOND'
  | 'STIXMILL_RATE_LIMIT_BURST'
  | 'STIXMILL_LOGIN_FREE_FAILURES'
  | 'STIXMILL_LOGIN_MAX_LOCK_SECONDS'
  | 'STIXMILL_MAX_UPLOAD_BYTES'
>;

/** STIXMILL_TAXII_COLLECTIONS: the JSON list itself, or the path of a file that holds it. */
function collectionsFrom(value: string): CollectionConfig[] {
  const text = value.trim();
  if (text === '') return [];
  if (text.startsWith('[')) return parseCollectionsConfig(text);
  let json: string;
  try {
    json = readFileSync(text, 'utf8');
  } catch (error) {
    throw new Error(`STIXMILL_TAXII_COLLECTIONS: cannot read ${text}: ${(error as Error).message}`);
  }
  return parseCollectionsConfig(json, `STIXMILL_TAXII_COLLECTIONS (${text})`);
}

/**
 * createHttpApp's options from the parsed configuration: users, tokens and writers, anonymous
 * reads, collections and their permissions, the rate limit, the login lock-out and the public URL. Throws when the
 * collections file is missing or malformed, so a bad setting stops the server at start.
 */
export function httpOptionsFromConfig(config: HttpConfig): HttpOptions {
  const writers = new Set(config.STIXMILL_TAXII_WRITERS);
  const plain = new Set(config.STIXMILL_TAXII_PLAIN_CLIENTS);
  // Without a reviewer list, whoever may write reviews and publishes (as before the list existed).
  const reviewers = new Set(config.STIXMILL_TAXII_REVIEWERS.length ? config.STIXMILL_TAXII_REVIEWERS : writers);
  /** What a user or token may do, by its name. */
  const rights = (name: string) => ({
    write: writers.has(name),
    review: reviewers.has(name),
    evidence: !plain.has(name),
  });
  return {
    auth: {
      users: config.STIXMILL_TAXII_USERS.map((u) => ({ name: u.name, password: u.secret, ...rights(u.name) })),
      tokens: config.STIXMILL_TAXII_TOKENS.map((t) => ({ name: t.name, token: t.secret, ...rights(t.name) })),
      anonymousRead: config.STIXMILL_TAXII_ANONYMOUS_READ,
    },
    collections: collectionsFrom(config.STIXMILL_TAXII_COLLECTIONS),
    rateLimit:
      config.STIXMILL_RATE_LIMIT_PER_SECOND === 0
        ? false
        : { perSecond: config.STIXMILL_RATE_LIMIT_PER_SECOND, burst: config.STIXMILL_RATE_LIMIT_BURST },
    loginGuard: {
      freeFailures: config.STIXMILL_LOGIN_FREE_FAILURES,
      maxLockMs: config.STIXMILL_LOGIN_MAX_LOCK_SECONDS * 1000,
    },
    maxUploadBytes: config.STIXMILL_MAX_UPLOAD_BYTES,
    ...(config.STIXMILL_PUBLIC_URL ? { publicBaseUrl: config.STIXMILL_PUBLIC_URL } : {}),
  };
}
