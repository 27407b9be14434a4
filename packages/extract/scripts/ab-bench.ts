// Two builds of extract() in one process, their passes alternated, so that a shared, noisy
// machine slows both alike: the ratio of the medians is the figure to quote.
//
//   git worktree add /tmp/before <commit> && (cd /tmp/before && pnpm install --offline)
//   node packages/extract/scripts/ab-bench.ts /tmp/before DIR [PASSES]
//
// A is this checkout, B the other; DIR holds .txt/.md documents (read as plain text).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

type Extract = typeof import('../src/index.ts');

const [other, dir, passesArg = '20'] = process.argv.slice(2);
if (!other || !dir) {
  console.error('usage: ab-bench.ts OTHER_CHECKOUT DIR [PASSES]');
  process.exit(2);
}
const a = (await import(new URL('../src/index.ts', import.meta.url).href)) as Extract;
const b = (await import(join(resolve(other), 'packages/extract/src/index.ts'))) as Extract;
const texts = readdirSync(dir)
  .filter((f) => /\.(txt|md)$/.test(f) && !/^(?:SOURCES|README)\.md$/.test(f))
  .map((f) => readFileSync(join(dir, f), 'utf8'));
const docsA = texts.map((t) => a.plainDocument(t));
const docsB = texts.map((t) => b.plainDocument(t));
const pass = (m: Extract, docs: ReturnType<Extract['plainDocument']>[]) => {
  const t = performance.now();
  for (const d of docs) m.extract(d);
  return performance.now() - t;
};
pass(a, docsA);
pass(b, docsB);
const ta: number[] = [];
const tb: number[] = [];
for (let i = 0; i < Number(passesArg); i++) {
  // Alternate which goes first, so neither always runs on a warmer or colder machine.
  if (i % 2 === 0) {
    ta.push(pass(a, docsA));
    tb.push(pass(b, docsB));
  } else {
    tb.push(pass(b, docsB));
    ta.push(pass(a, docsA));
  }
}
const median = (x: number[]) => [...x].sort((p, q) => p - q)[Math.floor(x.length / 2)] as number;
const mb = texts.reduce((n, t) => n + t.length, 0) / 1e6;
const [ma, mbm] = [median(ta), median(tb)];
console.log(`${texts.length} documents, ${mb.toFixed(2)} MB, ${passesArg} passes each, alternated`);
console.log(`A (this checkout)  median ${ma.toFixed(1)} ms  ${((mb / ma) * 1000).toFixed(2)} MB/s`);
console.log(`B (${other})  median ${mbm.toFixed(1)} ms  ${((mb / mbm) * 1000).toFixed(2)} MB/s`);
console.log(`A/B ${(ma / mbm).toFixed(3)}`);
