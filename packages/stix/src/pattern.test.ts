import { describe, expect, test } from 'vitest';
import { comparison, equalsPattern, literal, objectPath, observation, stringLiteral } from './pattern.ts';

describe("string literals (STIX 2.1 §9.4: only \\' and \\\\ are escapes)", () => {
  test.each([
    { input: 'plain', expected: "'plain'" },
    { input: "o'brien", expected: "'o\\'brien'" },
    { input: 'C:\\Users\\x', expected: "'C:\\\\Users\\\\x'" },
    { input: "\\'", expected: "'\\\\\\''" },
    { input: 'ends with \\', expected: "'ends with \\\\'" },
    { input: '"double" quotes stay', expected: '\'"double" quotes stay\'' },
    { input: '', expected: "''" },
  ])('$input', ({ input, expected }) => {
    expect(stringLiteral(input)).toBe(expected);
  });
});

describe('literals', () => {
  test.each([
    { input: 64500, expected: '64500' },
    { input: true, expected: 'true' },
    { input: 'x', expected: "'x'" },
  ])('$input', ({ input, expected }) => {
    expect(literal(input)).toBe(expected);
  });
  test('refuses a non-finite number', () => {
    expect(() => literal(Number.POSITIVE_INFINITY)).toThrow();
  });
});

describe('object paths', () => {
  test.each([
    {
      label: 'hash names with hyphens are quoted',
      args: ['file', 'hashes', 'SHA-256'],
      expected: "file:hashes.'SHA-256'",
    },
    { label: 'simple hash names are not', args: ['file', 'hashes', 'MD5'], expected: 'file:hashes.MD5' },
    {
      label: 'list steps',
      args: ['email-message', 'to_refs', '*', 'value'],
      expected: 'email-message:to_refs[*].value',
    },
    { label: 'index steps', args: ['x-thing', 'list', 0], expected: 'x-thing:list[0]' },
    { label: 'keywords are quoted', args: ['x-thing', 'AND'], expected: "x-thing:'AND'" },
    { label: 'quotes in keys are escaped', args: ['x-thing', 'ext', "it's"], expected: "x-thing:ext.'it\\'s'" },
  ] as const)('$label', ({ args, expected }) => {
    const [type, first, ...steps] = args;
    expect(objectPath(type, first, ...steps)).toBe(expected);
  });

  test('refuses what is not an object type', () => {
    expect(() => objectPath('File', 'name')).toThrow(/object type/);
    expect(() => objectPath("x' OR 1", 'name')).toThrow(/object type/);
  });
});

describe('patterns', () => {
  test('equalsPattern quotes the hash key and escapes the value', () => {
    expect(equalsPattern('file', ['hashes', 'SHA-256'], 'ab')).toBe("[file:hashes.'SHA-256' = 'ab']");
    expect(equalsPattern('url', ['value'], "https://x.example/o'b\\c")).toBe(
      "[url:value = 'https://x.example/o\\'b\\\\c']",
    );
  });

  test('observation joins comparisons', () => {
    const a = comparison(objectPath('user-account', 'account_type'), '=', 'github');
    const b = comparison(objectPath('user-account', 'account_login'), '=', 'x');
    expect(observation([a, b])).toBe("[user-account:account_type = 'github' AND user-account:account_login = 'x']");
    expect(() => observation([])).toThrow();
  });
});
