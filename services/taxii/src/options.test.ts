import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '@stixmill/runtime';
import { describe, expect, test } from 'vitest';
import { httpOptionsFromConfig } from './options.ts';

const COLLECTIONS = JSON.stringify([
  { id: '6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b', alias: 'inbox', title: 'Inbox', read: ['*'], write: ['alice'] },
  { alias: 'tlp-red', read: ['bob'] },
]);

describe('httpOptionsFromConfig', () => {
  test('users, tokens, writers, anonymous read, collections and the rate limit from the environment', () => {
    const config = parseConfig({
      STIXMILL_TAXII_USERS: 'alice:pa:ss:word, bob:hunter2',
      STIXMILL_TAXII_TOKENS: 'opencti:tok-123',
      STIXMILL_TAXII_WRITERS: 'alice,opencti',
      STIXMILL_TAXII_PLAIN_CLIENTS: 'opencti',
      STIXMILL_TAXII_REVIEWERS: 'bob',
      STIXMILL_TAXII_ANONYMOUS_READ: 'true',
      STIXMILL_TAXII_COLLECTIONS: COLLECTIONS,
      STIXMILL_RATE_LIMIT_PER_SECOND: '5',
      STIXMILL_RATE_LIMIT_BURST: '10',
      STIXMILL_LOGIN_FREE_FAILURES: '3',
      STIXMILL_LOGIN_MAX_LOCK_SECONDS: '60',
      STIXMILL_PUBLIC_URL: 'https://cti.example.org',
    });
    expect(httpOptionsFromConfig(config)).toEqual({
      auth: {
        users: [
          { name: 'alice', password: 'pa:ss:word', write: true, review: false, evidence: true },
          { name: 'bob', password: 'hunter2', write: false, review: true, evidence: true },
        ],
        tokens: [{ name: 'opencti', token: 'tok-123', write: true, review: false, evidence: false }],
        anonymousRead: true,
      },
      collections: JSON.parse(COLLECTIONS),
      rateLimit: { perSecond: 5, burst: 10 },
      loginGuard: { freeFailures: 3, maxLockMs: 60_000 },
      maxUploadBytes: 25 * 1024 * 1024,
      publicBaseUrl: 'https://cti.example.org',
    });
  });

  test('without a reviewer list, the writers review and publish', () => {
    const options = httpOptionsFromConfig(
      parseConfig({ STIXMILL_TAXII_USERS: 'alice:pw,bob:pw', STIXMILL_TAXII_WRITERS: 'alice' }),
    );
    expect(options.auth?.users?.map((u) => [u.name, u.review])).toEqual([
      ['alice', true],
      ['bob', false],
    ]);
  });

  test('secure defaults: no anonymous read, no collections added, rate limited, failed logins locked out', () => {
    const options = httpOptionsFromConfig(parseConfig({}));
    expect(options.auth?.anonymousRead).toBe(false);
    expect(options.collections).toEqual([]);
    expect(options.rateLimit).toEqual({ perSecond: 50, burst: 200 });
    expect(options.loginGuard).toEqual({ freeFailures: 5, maxLockMs: 900_000 });
    expect(httpOptionsFromConfig(parseConfig({ STIXMILL_RATE_LIMIT_PER_SECOND: '0' })).rateLimit).toBe(false);
  });

  test('collections from a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stixmill-collections-'));
    try {
      const file = join(dir, 'collections.json');
      writeFileSync(file, COLLECTIONS);
      expect(httpOptionsFromConfig(parseConfig({ STIXMILL_TAXII_COLLECTIONS: file })).collections).toHaveLength(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test.each([
    { label: 'not JSON', value: '[{', error: /not JSON/ },
    { label: 'no id or alias', value: '[{"title":"x"}]', error: /id or an alias/ },
    { label: 'an unknown field', value: '[{"alias":"x","writers":["a"]}]', error: /writers/ },
    { label: 'a missing file', value: '/nonexistent/collections.json', error: /cannot read/ },
  ])('refuses collections: $label', ({ value, error }) => {
    expect(() => httpOptionsFromConfig(parseConfig({ STIXMILL_TAXII_COLLECTIONS: value }))).toThrow(error);
  });

  test('a user entry without a password is a configuration problem', () => {
    expect(() => parseConfig({ STIXMILL_TAXII_USERS: 'alice' })).toThrow(/STIXMILL_TAXII_USERS/);
  });
});
