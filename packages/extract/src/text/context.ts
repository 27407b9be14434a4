// What surrounds a candidate value: its line, the heading or label line above it, and (for JSON
// exports) the record that holds it. Filters read these to decide whose value it is.
import type { Block } from '@stixmill/contracts';
import { lineSpan } from './sentences.ts';

export interface DocText {
  readonly text: string;
  readonly blocks: readonly Block[];
}

const HEADING_LINE = /^(?:#{1,6}\s|={1,4}\s|[A-Z][A-Z0-9 ,&/()'-]{3,}:?\s*$|[^\s].{0,120}:\s*$)/;

/** What the label search needs to know of one line. */
export interface LineInfo {
  /** Offset of the line's first character. */
  start: number;
  trimmed: string;
  indent: number;
  /** Reads as a heading: upper case, ends with a colon, a markdown/asciidoc marker. */
  heading: boolean;
  /** A rule (`---`, `===`) or blank: skipped. */
  skip: boolean;
  /** Starts with a list bullet. */
  bullet: boolean;
}

/** The line holding an offset. */
export type LineAt = (offset: number) => LineInfo;

export function lineInfo(text: string, offset: number): LineInfo {
  const span = lineSpan(text, offset);
  const body = text.slice(span.start, span.end);
  const trimmed = body.trim();
  return {
    start: span.start,
    trimmed,
    indent: /^\s*/.exec(body)?.[0].length ?? 0,
    heading: HEADING_LINE.test(trimmed),
    skip: trimmed === '' || /^[-=_~]{3,}$/.test(trimmed),
    bullet: /^\s*[-*•]/.test(body),
  };
}

/**
 * Lines above the offset inside its own block that label it: in plain text the nearest earlier
 * line that is less indented, or that reads as a heading. Stops at 40 lines.
 */
function labelInBlock(offset: number, blockStart: number, lineAt: LineAt): string[] {
  const line = lineAt(offset);
  let threshold = line.indent;
  const labels: string[] = [];
  let cursor = line.start - 1;
  for (let n = 0; n < 40 && cursor >= blockStart && cursor > 0; n++) {
    const prev = lineAt(cursor);
    cursor = prev.start - 1;
    if (prev.skip) continue;
    if (prev.heading && prev.indent <= threshold) {
      labels.push(prev.trimmed);
      break;
    }
    // An indented block hangs off the less indented line above it, and that one off its own.
    if (threshold > 0 && prev.indent < threshold && !prev.bullet) {
      labels.push(prev.trimmed);
      threshold = prev.indent;
      if (prev.indent === 0) break;
    }
  }
  return labels;
}

/**
 * A block of one short line that opens with a capital, ends without punctuation and holds no
 * value ("Indicators", "References", "Second stage"): a heading, whatever the parser called it.
 */
const readsAsHeading = (body: string) => {
  const t = body.trim();
  return (
    t.length > 0 &&
    t.length <= 60 &&
    !t.includes('\n') &&
    /^(?:#{1,6}\s*|\d{1,2}(?:\.\d{1,2})*[.)]?\s+)?[A-Z]/.test(t) &&
    !/[.!?,;]$/.test(t) &&
    !/\S[./@:]\S/.test(t) &&
    // No value on it: a long hex or Base58 run, an address.
    !/[\dA-Za-z]{25,}/.test(t)
  );
};

/** Prose: sentences, not a label or a run of values. */
const isProse = (s: string) => s.length > 600 || /[a-z)][.!?]\s+[A-Z]/.test(s);
/** Where a new section starts: "10/ ...", "Finding 2 -- ...", "Persona 3: ...". */
const SECTION_START = /^\s*(?:\d{1,3}[/.)]\s|(?:Finding|Step|Part|Section|Persona|Profile|Case|Item|Cluster)\b)/i;

/**
 * The label that governs a value: lines above it in its block that label it, then earlier
 * blocks while they are labels or runs of values (not prose), up to a heading or the start of
 * a numbered section. Labels are joined with newlines, nearest first.
 */
export function sectionLabel(doc: DocText, offset: number, lineAt: LineAt = (i) => lineInfo(doc.text, i)): string {
  const text = doc.text;
  const index = doc.blocks.findIndex((b) => b.start <= offset && offset < b.end);
  if (index < 0) return labelInBlock(offset, 0, lineAt).join('\n');
  const own = doc.blocks[index] as Block;
  const labels = labelInBlock(offset, own.start, lineAt);
  const ownText = text.slice(own.start, own.end);
  // A heading's own label is what came before it (a setext underline can turn a line of values
  // into a "heading").
  if (isProse(ownText) || SECTION_START.test(ownText)) return labels.join('\n');
  const ownLine = lineSpan(text, own.start);
  if (offset > ownLine.end) labels.push(text.slice(own.start, Math.min(ownLine.end, own.start + 160)).trim());
  for (let k = index - 1, n = 0; k >= 0 && n < 8; k--, n++) {
    const b = doc.blocks[k] as Block;
    const body = text.slice(b.start, b.end);
    if (b.kind === 'heading' || readsAsHeading(body)) {
      labels.push(body.trim());
      break;
    }
    if (isProse(body)) break;
    labels.push(body.slice(0, 160).trim());
    if (SECTION_START.test(body) || /:\s*$/.test(body.trim())) break;
  }
  return labels.join('\n');
}

/** For JSON text: the innermost `{...}` around the offset (bounded), else ''. */
export function enclosingRecord(text: string, offset: number, limit = 1500): string {
  let depth = 0;
  let s = -1;
  for (let i = offset; i >= 0 && offset - i < limit; i--) {
    const c = text[i];
    if (c === '}') depth++;
    else if (c === '{') {
      if (depth === 0) {
        s = i;
        break;
      }
      depth--;
    }
  }
  if (s < 0) return '';
  // Keep the key that names the record ("victim": { ... }).
  const key = /"[\w -]{1,40}"\s*:\s*$/.exec(text.slice(Math.max(0, s - 60), s))?.[0] ?? '';
  depth = 0;
  for (let j = s; j < text.length && j - s < limit * 2; j++) {
    const c = text[j];
    if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return key + text.slice(s, j + 1);
    }
  }
  return '';
}
