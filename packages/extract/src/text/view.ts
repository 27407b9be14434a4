// One document's text with the lookups every finder asks for (the line, the sentence, the
// section label around an offset), each computed once. Finders ask for the same sentence or
// label for every value on a line; without the memo a dense report costs a rescan per value.
import type { Block } from '@stixmill/contracts';
import { type DocText, type LineInfo, lineInfo, sectionLabel } from './context.ts';
import { isBoundary, MAX_REACH, type Span } from './sentences.ts';

export interface TextView {
  readonly text: string;
  /** The line holding offset i. */
  line(i: number): Span;
  lineText(i: number): string;
  /** The sentence (list item, table row) holding [start, end). */
  sentence(start: number, end: number): Span;
  /** That sentence, whitespace collapsed, for evidence. */
  sentenceText(start: number, end: number): string;
  /** The heading or label lines that govern the offset (see `sectionLabel`). */
  section(offset: number): string;
  /** The nearest heading block at or before the offset, '' where none (blocks as the parser marked them). */
  heading(offset: number): string;
  /** The text of the block (paragraph, list item, table) holding the offset; '' outside any, or for a block of more than 4000 characters. */
  blockText(offset: number): string;
}

/** Offsets where lines start, ascending. */
function lineStarts(text: string): Int32Array {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  const starts = new Int32Array(n);
  let k = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts[k++] = i + 1;
  return starts;
}

/** Index of the last element <= x in an ascending array (0 when none). */
function floorIndex(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((a[mid] as number) <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Every offset where `isBoundary` holds: only line breaks and sentence punctuation can. */
function sentenceBoundaries(text: string): Int32Array {
  const found: number[] = [];
  const CANDIDATE = /[\n.!?]/g;
  for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text))
    if (isBoundary(text, m.index)) found.push(m.index);
  return Int32Array.from(found);
}

/**
 * `sentenceSpan` from the boundary list: the span reaches back to just after the last boundary
 * before `start` and on to the first boundary at or after `end`, at most MAX_REACH either way.
 */
function sentenceSpanAt(text: string, bounds: Int32Array, start: number, end: number): Span {
  let s = Math.max(0, start - MAX_REACH);
  if (start > 0 && bounds.length > 0 && (bounds[0] as number) <= start - 1) {
    s = Math.max(s, (bounds[floorIndex(bounds, start - 1)] as number) + 1);
  }
  if (start <= 0) s = start;
  let e = Math.min(text.length, end + MAX_REACH);
  const k = ceilIndex(bounds, end);
  if (k < bounds.length) e = Math.min(e, bounds[k] as number);
  if (end >= text.length) e = end;
  if (e < text.length && text[e] !== '\n') e++;
  while (s < e && /\s/.test(text[s] as string)) s++;
  return { start: s, end: e };
}

/** Index of the first element >= x in an ascending array (length when none). */
function ceilIndex(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((a[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function createTextView(doc: DocText): TextView {
  const text = doc.text;
  const starts = lineStarts(text);
  const bounds = sentenceBoundaries(text);
  const sentences = new Map<number, Span>();
  const sentenceTexts = new Map<number, string>();
  const sections = new Map<string, string>();
  const blockTexts = new Map<number, string>();
  // Spans are keyed by start * W + end; both are below 2^26 for any text we accept.
  const W = 2 ** 26;

  const line = (i: number): Span => {
    // As `lineSpan`: the line that holds i (a '\n' at i belongs to it), quirk at 0 included.
    if (i <= 0 && text[0] === '\n') return { start: 1, end: 0 };
    const k = floorIndex(starts, Math.max(0, i));
    const s = starts[k] as number;
    const next = starts[k + 1];
    return { start: s, end: next === undefined ? text.length : next - 1 };
  };
  const lines = new Map<number, LineInfo>();
  // Offset 0 gets its own key: `lineSpan` answers it differently when the text opens with '\n'.
  const lineKey = (i: number) => (i <= 0 ? -1 : line(i).start);
  const lineAt = (i: number) => {
    const start = lineKey(i);
    let info = lines.get(start);
    if (!info) {
      info = lineInfo(text, i);
      lines.set(start, info);
    }
    return info;
  };
  const sentence = (start: number, end: number): Span => {
    const key = start * W + end;
    let s = sentences.get(key);
    if (!s) {
      s = sentenceSpanAt(text, bounds, start, end);
      sentences.set(key, s);
    }
    return s;
  };

  // Blocks sorted and disjoint (what the parser emits) allow a binary search; anything else
  // falls back to the scan `sectionLabel` does.
  const blocks = doc.blocks;
  const blockStarts = Int32Array.from(blocks, (b) => b.start);
  const ordered = blocks.every((b, i) => i === 0 || (blocks[i - 1] as Block).end <= b.start);
  const blockAt = (offset: number): number => {
    if (!ordered) return blocks.findIndex((b) => b.start <= offset && offset < b.end);
    if (blocks.length === 0 || offset < (blockStarts[0] as number)) return -1;
    const k = floorIndex(blockStarts, offset);
    const b = blocks[k] as Block;
    return b.start <= offset && offset < b.end ? k : -1;
  };

  // Per block index: the nearest heading block at or before it (-1 where none), filled in order.
  const headingOf = new Int32Array(blocks.length).fill(-2);
  const headingIndex = (k: number): number => {
    if (k < 0) return -1;
    let h = headingOf[k] as number;
    if (h === -2) {
      h = (blocks[k] as Block).kind === 'heading' ? k : headingIndex(k - 1);
      headingOf[k] = h;
    }
    return h;
  };
  // Forward fill once, so the recursion above never runs deep.
  for (let k = 0; k < blocks.length; k++) headingIndex(k);

  return {
    text,
    line,
    heading(offset) {
      if (!ordered || blocks.length === 0 || offset < (blockStarts[0] as number)) return '';
      const h = headingIndex(floorIndex(blockStarts, offset));
      if (h < 0) return '';
      const b = blocks[h] as Block;
      return text.slice(b.start, Math.min(b.end, b.start + 200));
    },
    lineText: (i) => {
      const l = line(i);
      return text.slice(l.start, l.end);
    },
    sentence,
    sentenceText(start, end) {
      const key = start * W + end;
      let t = sentenceTexts.get(key);
      if (t === undefined) {
        const span = sentence(start, end);
        t = text.slice(span.start, span.end).replace(/\s+/g, ' ').trim().slice(0, 2000);
        sentenceTexts.set(key, t);
      }
      return t;
    },
    blockText(offset) {
      const k = blockAt(offset);
      if (k < 0) return '';
      const b = blocks[k] as Block;
      // A block of more than 4000 characters is a flattened document, a table or a list, not a
      // paragraph: a statement somewhere in it governs nothing far away, so it gives no text here.
      if (b.end - b.start > 4000) return '';
      // One string per block, so that tests on it memoise across the block's values.
      let body = blockTexts.get(k);
      if (body === undefined) {
        body = text.slice(b.start, b.end);
        blockTexts.set(k, body);
      }
      return body;
    },
    section(offset) {
      // The label depends only on the block and the line the offset is on.
      const key = `${blockAt(offset)}:${lineKey(offset)}`;
      let label = sections.get(key);
      if (label === undefined) {
        label = sectionLabel(doc, offset, lineAt);
        sections.set(key, label);
      }
      return label;
    },
  };
}
