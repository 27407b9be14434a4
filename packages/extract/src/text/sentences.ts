// The sentence (or list item / table row) around an offset, for evidence an analyst can read.

/** Longest reach of a sentence either side of its value. */
export const MAX_REACH = 600;
const MAX = MAX_REACH;

export function isBoundary(text: string, i: number): boolean {
  const c = text[i];
  if (c === '\n' && (text[i + 1] === '\n' || text[i - 1] === '\n')) return true;
  if (c === '\n' && /^\s*(?:[-*•|#>]|\d+[./)]\s)/.test(text.slice(i + 1, i + 6))) return true;
  if (c === '\n') {
    // A short line (a table cell, a label, a list without markers) ends where it ends;
    // wrapped prose runs on.
    const prev = text.lastIndexOf('\n', i - 1);
    const prevLine = text.slice(prev + 1, i);
    if (prevLine.trim().length < 50 || /[.:;!?]\s*$/.test(prevLine)) return true;
  }
  if (c === '.' || c === '!' || c === '?') {
    const next = text[i + 1];
    if (next !== ' ' && next !== '\n' && next !== undefined) return false;
    // "U.S. Attorney", "Inc. (the", "No. 5": a short word before the dot is not a sentence end.
    const before = text.slice(Math.max(0, i - 4), i);
    if (/(?:^|[\s.(])(?:[A-Z]|U\.S|Inc|Co|Ltd|No|Mr|Ms|Dr|St|Jr|Sr|vs|e\.g|i\.e|a\.k\.a|[A-Z]\.[A-Z])$/.test(before))
      return false;
    return true;
  }
  return false;
}

export interface Span {
  start: number;
  end: number;
}

/** The sentence holding [start, end): bounded, trimmed, whitespace collapsed. */
export function sentenceSpan(text: string, start: number, end: number): Span {
  return sentenceSpanWith(text, start, end, (i) => isBoundary(text, i));
}

/** `sentenceSpan` with the boundary test given (a memo of `isBoundary` for one text). */
export function sentenceSpanWith(text: string, start: number, end: number, boundary: (i: number) => boolean): Span {
  let s = start;
  while (s > 0 && start - s < MAX && !boundary(s - 1)) s--;
  let e = end;
  while (e < text.length && e - end < MAX && !boundary(e)) e++;
  if (e < text.length && text[e] !== '\n') e++;
  while (s < e && /\s/.test(text[s] as string)) s++;
  return { start: s, end: e };
}

export function sentenceAt(text: string, start: number, end: number): string {
  const span = sentenceSpan(text, start, end);
  return text.slice(span.start, span.end).replace(/\s+/g, ' ').trim().slice(0, 2000);
}

/** The line holding offset i. */
export function lineSpan(text: string, i: number): Span {
  const s = text.lastIndexOf('\n', i - 1) + 1;
  const e = text.indexOf('\n', i);
  return { start: s, end: e < 0 ? text.length : e };
}
