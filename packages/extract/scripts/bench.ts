// Throughput of extract() on ~1 MB of pathological text and on a normal report.
//
//   node packages/extract/scripts/bench.ts
//
// Prints milliseconds and MB/s for each input. The pathological inputs are what makes a
// backtracking regex blow up: long runs of dots, digits, defang brackets, unterminated URLs.
import type { ParsedDocument } from '@stixmill/contracts';
import { extract } from '../src/index.ts';

const MB = 1024 * 1024;

function doc(text: string): ParsedDocument {
  return {
    meta: { source: 'bench', contentType: 'text/plain', sha256: '0'.repeat(64) },
    text,
    blocks: [{ kind: 'paragraph', start: 0, end: text.length }],
    links: [],
  };
}

const fill = (unit: string, bytes = MB) => unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);

const report = [
  'Lazarus Group (a.k.a. APT38) used BeaverTail and InvisibleFerret against developers in the UK and Germany.',
  'C2: hxxps[:]//ip-check-api[.]vercel[.]app/api/ipcheck/703 and 172.86.80[.]145 on port 1224.',
  'The defendants are Jong Pong Ju (정봉주), also known as “Bryan Cho,” and Chang Nam Il.',
  'EVM 0x06f90983cd2215379e440fc525e441d6a5fc3fba, BTC bc1qf5x4jag30mzny7nvthapnefrhf5qx6j0w7a2cs.',
  'SHA-256 e58864cc22cd8ec17ae35dd810455d604aadab7c3f145b6c53b3c261855a4bb1; GitHub: atroboj, bugarnet.',
  'Techniques: Input Capture: Keylogging (T1056.001), Ingress Tool Transfer (T1105).',
].join('\n');

const inputs: Array<[string, string]> = [
  ['dots', fill('.')],
  ['digits', fill('1234567890')],
  ['dotted digits', fill('1.2.3.4.5.6.7.8.9.')],
  ['defang brackets', fill('a[.]b[.]')],
  ['unterminated URLs', fill('hxxps[:]//a')],
  ['long label', fill('a-')],
  ['hex run', fill('abcdef0123456789')],
  ['base58 run', fill('123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz')],
  ['at signs', fill('a@b@c.')],
  ['capitalised words', fill('Alpha Beta Gamma Delta ')],
  ['normal report x170', fill(`${report}\n\n`)],
  ['normal report (one)', report],
];

for (const [label, text] of inputs) {
  const t0 = performance.now();
  const { findings } = extract(doc(text));
  const ms = performance.now() - t0;
  const mbs = text.length / MB / (ms / 1000);
  console.log(
    `${label.padEnd(22)} ${(text.length / 1024).toFixed(0).padStart(6)} KiB  ${ms.toFixed(1).padStart(8)} ms  ${mbs.toFixed(2).padStart(7)} MB/s  findings=${findings.length}`,
  );
}
