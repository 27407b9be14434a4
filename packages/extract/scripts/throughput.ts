// Throughput of extract() on real documents, beside the ioc-extractor npm package run in the
// same process on the same text.
//
//   node packages/extract/scripts/throughput.ts [DIR|FILE ...] [--passes N]
//
// With no path it reads the project's test/fixtures/documents. Every .txt, .md, .json and
// .html file is read (HTML reduced to its text, so both extractors see the same characters;
// answer keys `*.truth.json` are skipped). Each extractor runs over all documents once to warm
// up, then N passes (default 5); the fastest pass is reported, as MB/s of text on one core.
// The two do different jobs: ioc-extractor finds indicator-shaped strings; extract() also
// validates them, drops the traps and finds the named entities, with evidence.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ParsedDocument } from '@stixmill/contracts';
import { extractIOC } from 'ioc-extractor';
import { extract, plainDocument } from '../src/index.ts';

const EXTENSIONS = new Set(['.txt', '.md', '.json', '.html', '.htm']);
const here = dirname(fileURLToPath(import.meta.url));
const DEFAULT_DIR = resolve(here, '../../../test/fixtures/documents');

let passes = 5;
const paths: string[] = [];
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i] as string;
  if (a === '--passes') passes = Math.max(1, Number(process.argv[++i]) || 1);
  else paths.push(a);
}

function files(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .map((f) => join(path, f))
    .filter((f) => EXTENSIONS.has(extname(f)) && !f.endsWith('.truth.json') && statSync(f).isFile());
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** HTML to its visible text: a few bounded patterns, enough for a fair character count. */
function htmlText(html: string): string {
  return html
    .replace(/<(script|style|noscript|template)\b[^>]{0,2000}>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(
      /<\/?(?:p|div|br|li|ul|ol|tr|table|h[1-6]|pre|section|article|header|footer|blockquote)\b[^>]{0,2000}>/gi,
      '\n',
    )
    .replace(/<[^>]{0,2000}>/g, ' ')
    .replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (m, e: string) => {
      if (e[0] === '#') {
        const n = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
        return n > 0 && n < 0x110000 ? String.fromCodePoint(n) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n');
}

const docs: ParsedDocument[] = [];
for (const file of (paths.length > 0 ? paths : [DEFAULT_DIR]).flatMap(files)) {
  const raw = readFileSync(file, 'utf8');
  const text = /\.html?$/.test(file) ? htmlText(raw) : raw;
  docs.push(plainDocument(text, `file:${basename(file)}`));
}
if (docs.length === 0) {
  console.error('throughput: no documents (.txt, .md, .json, .html) found');
  process.exit(2);
}
const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d.text), 0);
const MB = 1024 * 1024;

/** The fastest of `passes` passes over every document, after one warm-up pass. */
function fastest(run: (doc: ParsedDocument) => number): { ms: number; found: number } {
  let found = 0;
  for (const d of docs) found += run(d);
  let best = Number.POSITIVE_INFINITY;
  for (let p = 0; p < passes; p++) {
    const t0 = performance.now();
    for (const d of docs) run(d);
    best = Math.min(best, performance.now() - t0);
  }
  return { ms: best, found };
}

const ours = fastest((d) => extract(d).findings.length);
const theirs = fastest((d) => Object.values(extractIOC(d.text, { refang: true })).reduce((n, v) => n + v.length, 0));

console.log(`${docs.length} documents, ${(bytes / MB).toFixed(3)} MB of text, best of ${passes} passes`);
for (const [name, r] of [
  ['@stixmill/extract', ours],
  ['ioc-extractor 8.2.0', theirs],
] as const) {
  const mbs = bytes / MB / (r.ms / 1000);
  console.log(
    `${name.padEnd(20)} ${r.ms.toFixed(1).padStart(8)} ms  ${mbs.toFixed(2).padStart(7)} MB/s  values=${r.found}`,
  );
}
