import { StageError } from '@stixmill/contracts';
import { createDocumentBuilder } from './blocks.ts';
import type { ParsedBody } from './types.ts';

// JSON: flattened to `path: value` lines, one block per top-level entry, so the extractor can
// find values ("indicators[2].value: 203.0.113.45") and say where they were.

const TITLE_KEYS = ['title', 'headline', 'name'];
const DATE_KEYS = ['datePublished', 'published', 'published_at', 'publishedAt', 'date_published', 'date', 'created'];

function key(path: string, name: string): string {
  return /^[A-Za-z_$][\w$-]*$/.test(name) ? (path ? `${path}.${name}` : name) : `${path}[${JSON.stringify(name)}]`;
}

function flatten(value: unknown, path: string, lines: string[]): void {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) flatten(v, `${path}[${i}]`, lines);
  } else if (value !== null && typeof value === 'object') {
    for (const [name, v] of Object.entries(value)) flatten(v, key(path, name), lines);
  } else if (value !== undefined) {
    const text = typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : String(value);
    if (text !== '') lines.push(path ? `${path}: ${text}` : text);
  }
}

function field(value: unknown, keys: string[]): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  return keys.map((k) => record[k]).find((v): v is string => typeof v === 'string' && v.trim() !== '');
}

export function parseJson(input: string): ParsedBody {
  let value: unknown;
  try {
    value = JSON.parse(input);
  } catch (cause) {
    throw new StageError('parse_failed', `the JSON document does not parse: ${(cause as Error).message}`, { cause });
  }
  const builder = createDocumentBuilder();
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [`[${i}]`, v])
    : value !== null && typeof value === 'object'
      ? Object.entries(value).map(([name, v]) => [key('', name), v])
      : [['', value]];
  for (const [path, entry] of entries) {
    const lines: string[] = [];
    flatten(entry, path, lines);
    builder.add('paragraph', [{ text: lines.join('\n'), raw: true }]);
  }
  const built = builder.build();
  const title = field(value, TITLE_KEYS)?.slice(0, 2000);
  const date = field(value, DATE_KEYS);
  const time = date === undefined ? Number.NaN : Date.parse(date);
  return {
    ...built,
    ...(title ? { title } : {}),
    ...(Number.isNaN(time) ? {} : { published: new Date(time).toISOString() }),
  };
}
