import { describe, expect, test } from 'vitest';
import { ConfigError, ENV, parseConfig } from './config.ts';

describe('parseConfig', () => {
  test('an empty environment gives every default', () => {
    const config = parseConfig({});
    expect(config.STIXMILL_PORT).toBe(8080);
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:9092']);
    expect(config.STIXMILL_FETCH_ALLOW).toEqual([]);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  test('values are parsed and lists split', () => {
    const config = parseConfig({
      STIXMILL_PORT: '9000',
      KAFKA_BROKERS: 'a:9092, b:9092',
      STIXMILL_FETCH_ALLOW: '127.0.0.1:8081',
    });
    expect(config.STIXMILL_PORT).toBe(9000);
    expect(config.KAFKA_BROKERS).toEqual(['a:9092', 'b:9092']);
    expect(config.STIXMILL_FETCH_ALLOW).toEqual(['127.0.0.1:8081']);
  });

  test('the review gate: auto, review or threshold:N with N from 0 to 100', () => {
    expect(parseConfig({}).STIXMILL_REVIEW).toBe('auto');
    expect(parseConfig({ STIXMILL_REVIEW: 'threshold:80' }).STIXMILL_REVIEW).toBe('threshold:80');
    for (const bad of ['threshold:101', 'threshold:', 'manual'])
      expect(() => parseConfig({ STIXMILL_REVIEW: bad }), bad).toThrow(/STIXMILL_REVIEW/);
  });

  test('every problem is listed at once', () => {
    let error: unknown;
    try {
      parseConfig({ STIXMILL_PORT: 'eighty', STIXMILL_DEFAULT_TLP: 'purple', STIXMILL_URL: 'not a url' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/STIXMILL_PORT/);
    expect(problems).toMatch(/STIXMILL_DEFAULT_TLP/);
    expect(problems).toMatch(/STIXMILL_URL/);
  });

  test('a malformed secret is reported without its value', () => {
    let error: unknown;
    try {
      parseConfig({ STIXMILL_TAXII_USERS: 'alice:wonderland,bob' });
    } catch (e) {
      error = e;
    }
    expect((error as ConfigError).message).toMatch(/STIXMILL_TAXII_USERS=\(value hidden\)/);
    expect((error as ConfigError).message).not.toMatch(/wonderland/);
  });

  test('every variable is documented', () => {
    for (const [key, spec] of Object.entries(ENV)) expect(spec.doc.length, key).toBeGreaterThan(10);
  });
});
