// Undo the ways reports "defang" indicators so that nobody clicks them by accident, keeping a map
// from each character of the refanged text back to the original, so that evidence spans point
// into the text the analyst reads.

export interface Refanged {
  /** The refanged text. */
  readonly text: string;
  /** Original start offset of refanged character i. */
  readonly starts: Int32Array;
  /** Original end offset (exclusive) of refanged character i. */
  readonly ends: Int32Array;
}

// One alternation of fixed tokens, grouped by first character so that the scan stays as cheap
// as a search for "[", "(", "{", "]", "\\" and word-initial "h"/"f": linear, no nested quantifiers.
// Schemes: hxxp, hXXp, h**p, h__p, hxtp, htxp (and http written with a masked colon), fxp, fxxp.
// Separators: [://] (://) {://} [:]// [:] (:)// [:/] [//] [/]. Dots: [.] (.) {.} [dot] (dot) {dot},
// the half brackets [. and .] and a regex-escaped \. after a name character.
// At signs: [at] (at) {at} [@] (@) {@}. Letters match in either case.
const COLON_AHEAD = String.raw`(?=[sS]?(?:\[:\]|\(:\)|\[:\/\/\]|\(:\/\/\)|\{:\/\/\}|\[?:))`;
const DOT = '[dD][oO][tT]';
const AT = '[aA][tT]';
const DEFANG = new RegExp(
  [
    String.raw`\[(?::\/\/\]|:\]\/\/|:\]|:\/\]|\/\/\]|\/\]|\.\]|${DOT}\]|${AT}\]|@\]|\.(?=[a-zA-Z0-9]))`,
    String.raw`\((?::\/\/\)|:\)(?=\/\/)|\.\)|${DOT}\)|${AT}\)|@\))`,
    String.raw`\{(?::\/\/\}|\.\}|${DOT}\}|${AT}\}|@\})`,
    // The "]" of ".]": the dot before it is checked, and taken, in code.
    String.raw`\](?=[a-zA-Z0-9])`,
    String.raw`\\\.(?=[a-zA-Z0-9])`,
    String.raw`\b(?:[hH](?:[xX][xX]|\*\*|__|[xX][tT]|[tT][xX]|[tT][tT])[pP]|[fF][xX]{1,2}[pP])${COLON_AHEAD}|\b[hH][xX][xX][pP]`,
  ].join('|'),
  'g',
);

/** What the common tokens stand for; the rest (letters in either case) are read in lower case. */
const FIXED = new Map([
  ['[.]', '.'],
  ['(.)', '.'],
  ['{.}', '.'],
  ['[.', '.'],
  ['.]', '.'],
  ['\\.', '.'],
  ['[@]', '@'],
  ['(@)', '@'],
  ['{@}', '@'],
  ['[://]', '://'],
  ['(://)', '://'],
  ['{://}', '://'],
  ['[:]//', '://'],
  ['[:]', ':'],
  ['(:)', ':'],
  ['[:/]', ':/'],
  ['[//]', '//'],
  ['[/]', '/'],
  ['hxxp', 'http'],
  ['hXXp', 'http'],
  ['fxp', 'ftp'],
]);

function replacement(token: string): string {
  const fixed = FIXED.get(token);
  if (fixed !== undefined) return fixed;
  const t = token.toLowerCase();
  if (t.includes('dot')) return '.';
  if (t.includes('at')) return '@';
  if (t[0] === 'f') return 'ftp';
  return 'http';
}

/**
 * `\.` is a regex-escaped dot in "evil\.com" but a path separator and a dot-file in
 * "C:\Users\x\.ssh": refang it unless the name before it follows another backslash.
 * `memo` carries the last decision so that a long chain of `a\.a\.a` is read once.
 */
function escapedDotInName(src: string, at: number, memo: { end: number; ok: boolean }): boolean {
  let i = at - 1;
  while (i >= 0) {
    if (i + 1 === memo.end) return memo.ok;
    const c = src[i] as string;
    if (c === '\\' && src[i + 1] === '.') {
      i--;
      continue;
    }
    if (!/[\w.-]/.test(c)) break;
    i--;
  }
  return i < 0 || src[i] !== '\\';
}

/** True when a bracketed "at" sits between two word characters, as in `name[at]mail.com`. */
function joinsWords(src: string, start: number, end: number): boolean {
  let i = start - 1;
  while (i >= 0 && src[i] === ' ') i--;
  let j = end;
  while (j < src.length && src[j] === ' ') j++;
  return (
    i >= 0 &&
    j < src.length &&
    /[\w.-]/.test(src[i] as string) &&
    /\w/.test(src[j] as string) &&
    j - end <= 1 &&
    start - 1 - i <= 1
  );
}

export function refangWithMap(src: string): Refanged {
  // Every replacement is no longer than what it replaces, so the map fits in src.length slots.
  const out: string[] = [];
  const starts = new Int32Array(src.length);
  const ends = new Int32Array(src.length);
  let n = 0;
  let last = 0;
  const copy = (from: number, to: number) => {
    if (to <= from) return;
    out.push(src.slice(from, to));
    for (let k = from; k < to; k++, n++) {
      starts[n] = k;
      ends[n] = k + 1;
    }
  };
  const escMemo = { end: -1, ok: false };
  DEFANG.lastIndex = 0;
  for (let m = DEFANG.exec(src); m !== null; m = DEFANG.exec(src)) {
    let token = m[0];
    let start = m.index;
    let end = start + token.length;
    // The short tokens "[.", "]" (of ".]") and "\\." count only right after a name character.
    if (token.length <= 2) {
      if (token === ']') {
        if (src[start - 1] !== '.') continue;
        token = '.]';
        start--;
      }
      if (!/[A-Za-z0-9-]/.test(src[start - 1] ?? '')) continue;
      if (token === '\\.') {
        const ok = escapedDotInName(src, start, escMemo);
        escMemo.end = end;
        escMemo.ok = ok;
        if (!ok) continue;
      }
    }
    const rep = replacement(token);
    if (rep === '@' && !joinsWords(src, start, end)) continue;
    if (rep === '.' && /dot/i.test(token) && !joinsWords(src, start, end)) continue;
    if (rep === '@' || rep === '.') {
      // "name [at] mail [dot] com": swallow the single spaces around the token.
      if (src[start - 1] === ' ' && /[\w-]/.test(src[start - 2] ?? '')) start--;
      if (src[end] === ' ' && /\w/.test(src[end + 1] ?? '')) end++;
    }
    if (start < last) continue;
    copy(last, start);
    out.push(rep);
    for (let k = 0; k < rep.length; k++, n++) {
      starts[n] = start;
      ends[n] = end;
    }
    last = end;
  }
  copy(last, src.length);
  return { text: out.join(''), starts: starts.subarray(0, n), ends: ends.subarray(0, n) };
}

/** True when the refanged span [start, end) was written defanged: its original is longer. */
export function wasDefanged(r: Refanged, start: number, end: number): boolean {
  if (end <= start || end > r.starts.length) return false;
  return (r.ends[end - 1] as number) - (r.starts[start] as number) !== end - start;
}

/** Refang a string: `hxxps[:]//evil[.]com` becomes `https://evil.com`. */
export function refang(src: string): string {
  return refangWithMap(src).text;
}

/** Maps a span of the refanged text back to the original text. */
export function originalSpan(r: Refanged, start: number, end: number): { start: number; end: number } {
  if (end <= start) return { start: r.starts[start] ?? 0, end: r.starts[start] ?? 0 };
  return { start: r.starts[start] ?? 0, end: r.ends[end - 1] ?? 0 };
}
