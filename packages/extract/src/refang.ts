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

// One alternation of fixed tokens: linear, no nested quantifiers. Order matters: longer first.
const DEFANG =
  /\[:\/\/\]|\[:\]\/\/|\[:\]|\[\/\/\]|\[\/\]|\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\}|\[at\]|\(at\)|\{at\}|\[@\]|\(@\)|\b[hH](?:xx|XX|\*\*|tt)[pP](?=[sS]?(?:\[?:|:))|\bfxp(?=\[?:)|\bhxxp|\bhXXp/g;

function replacement(token: string): string {
  const t = token.toLowerCase();
  if (t === '[://]' || t === '[:]//') return '://';
  if (t === '[:]') return ':';
  if (t === '[//]') return '//';
  if (t === '[/]') return '/';
  if (t.includes('.') || t.includes('dot')) return '.';
  if (t.includes('at') || t.includes('@')) return '@';
  if (t === 'fxp') return 'ftp';
  return 'http';
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
  DEFANG.lastIndex = 0;
  for (let m = DEFANG.exec(src); m !== null; m = DEFANG.exec(src)) {
    const token = m[0];
    let start = m.index;
    let end = start + token.length;
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

/** Refang a string: `hxxps[:]//evil[.]com` becomes `https://evil.com`. */
export function refang(src: string): string {
  return refangWithMap(src).text;
}

/** Maps a span of the refanged text back to the original text. */
export function originalSpan(r: Refanged, start: number, end: number): { start: number; end: number } {
  if (end <= start) return { start: r.starts[start] ?? 0, end: r.starts[start] ?? 0 };
  return { start: r.starts[start] ?? 0, end: r.ends[end - 1] ?? 0 };
}
