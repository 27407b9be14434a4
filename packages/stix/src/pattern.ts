// A small builder for STIX patterns: the only way stixmill writes one, so quoting is done once.
//
// STIX 2.1 §9.4 (Patterning Grammar): "String literals MUST be enclosed in single quotes ... A
// single quote inside a string literal MUST be escaped with a backslash (\'), and a backslash
// MUST be escaped with another backslash (\\)"; object path components that are not simple
// identifiers (e.g. hash names with hyphens) are written as quoted strings: file:hashes.'SHA-256'.

export type PatternLiteral = string | number | boolean;

export const COMPARISON_OPERATORS = ['=', '!=', '>', '<', '>=', '<=', 'LIKE', 'MATCHES'] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

const OBJECT_TYPE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const SIMPLE_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
// Words the grammar's lexer reads as keywords before identifiers.
const KEYWORDS = new Set([
  'AND',
  'OR',
  'NOT',
  'FOLLOWEDBY',
  'LIKE',
  'MATCHES',
  'ISSUPERSET',
  'ISSUBSET',
  'EXISTS',
  'LAST',
  'IN',
  'START',
  'STOP',
  'SECONDS',
  'true',
  'false',
  'WITHIN',
  'REPEATS',
  'TIMES',
]);

/** A string literal: single-quoted, with `\` and `'` escaped (the only two escapes the grammar has). */
export function stringLiteral(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

export function literal(value: PatternLiteral): string {
  if (typeof value === 'string') return stringLiteral(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (!Number.isFinite(value)) throw new TypeError(`a pattern cannot hold the number ${value}`);
  return String(value);
}

function pathKey(key: string): string {
  return SIMPLE_KEY.test(key) && !KEYWORDS.has(key) ? key : stringLiteral(key);
}

/** An object path: `objectPath('file', 'hashes', 'SHA-256')` is `file:hashes.'SHA-256'`; numbers and '*' index lists. */
export function objectPath(objectType: string, first: string, ...steps: (string | number)[]): string {
  if (!OBJECT_TYPE.test(objectType)) throw new TypeError(`not a STIX object type: ${objectType}`);
  let path = `${objectType}:${pathKey(first)}`;
  for (const step of steps) {
    if (typeof step === 'number') {
      if (!Number.isInteger(step)) throw new TypeError(`list index must be an integer: ${step}`);
      path += `[${step}]`;
    } else if (step === '*') path += '[*]';
    else path += `.${pathKey(step)}`;
  }
  return path;
}

export function comparison(path: string, operator: ComparisonOperator, value: PatternLiteral): string {
  return `${path} ${operator} ${literal(value)}`;
}

/** One observation expression: comparisons joined by AND (or OR) inside brackets. */
export function observation(comparisons: readonly string[], join: 'AND' | 'OR' = 'AND'): string {
  if (comparisons.length === 0) throw new TypeError('an observation needs at least one comparison');
  return `[${comparisons.join(` ${join} `)}]`;
}

/** The common case: `[type:path = 'value']`. */
export function equalsPattern(objectType: string, path: readonly [string, ...string[]], value: PatternLiteral): string {
  const [first, ...rest] = path;
  return observation([comparison(objectPath(objectType, first, ...rest), '=', value)]);
}
