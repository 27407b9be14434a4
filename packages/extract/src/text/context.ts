// What surrounds a candidate value: its line, the heading or label line above it, and (for JSON
// exports) the record that holds it. Filters read these to decide whose value it is.
import type { Block } from '@stixmill/contracts';
import { lineSpan } from './sentences.ts';

export interface DocText {
  readonly text: string;
  readonly blocks: readonly Block[];
}

const HEADING_LINE = /^(?:#{1,6}\s|={1,4}\s|[A-Z][A-Z0-9 ,&/()'-]{3,}:?\s*$|[^\s].{0,120}:\s*$)/;

/**
 * The label that governs a line: the nearest heading block before it, or in plain text the
 * nearest earlier line that is less indented, or that reads as a heading (upper case, ends with
 * a colon, markdown/asciidoc marker). Stops at 40 lines.
 */
/** Lines above the offset inside its own block that label it (less indented, or heading-like). */
function labelInBlock(text: string, offset: number, blockStart: number): string[] {
  const line = lineSpan(text, offset);
  const indent = (s: string) => /^\s*/.exec(s)?.[0].length ?? 0;
  let threshold = indent(text.slice(line.start, line.end));
  const labels: string[] = [];
  let cursor = line.start - 1;
  for (let n = 0; n < 40 && cursor >= blockStart && cursor > 0; n++) {
    const prev = lineSpan(text, cursor);
    const body = text.slice(prev.start, prev.end);
    cursor = prev.start - 1;
    const trimmed = body.trim();
    if (trimmed === '' || /^[-=_~]{3,}$/.test(trimmed)) continue;
    const ind = indent(body);
    if (HEADING_LINE.test(trimmed) && ind <= threshold) {
      labels.push(trimmed);
      break;
    }
    // An indented block hangs off the less indented line above it, and that one off its own.
    if (threshold > 0 && ind < threshold && !/^\s*[-*•]/.test(body)) {
      labels.push(trimmed);
      threshold = ind;
      if (ind === 0) break;
    }
  }
  return labels;
}

/** Prose: sentences, not a label or a run of values. */
const isProse = (s: string) => /[a-z)][.!?]\s+[A-Z]/.test(s) || s.length > 600;
/** Where a new section starts: "10/ ...", "Finding 2 -- ...", "Persona 3: ...". */
const SECTION_START = /^\s*(?:\d{1,3}[/.)]\s|(?:Finding|Step|Part|Section|Persona|Profile|Case|Item|Cluster)\b)/i;

/**
 * The label that governs a value: lines above it in its block that label it, then earlier
 * blocks while they are labels or runs of values (not prose), up to a heading or the start of
 * a numbered section. Labels are joined with newlines, nearest first.
 */
export function sectionLabel(doc: DocText, offset: number): string {
  const text = doc.text;
  const index = doc.blocks.findIndex((b) => b.start <= offset && offset < b.end);
  if (index < 0) return labelInBlock(text, offset, 0).join('\n');
  const own = doc.blocks[index] as Block;
  const labels = labelInBlock(text, offset, own.start);
  const ownText = text.slice(own.start, own.end);
  // A heading's own label is what came before it (a setext underline can turn a line of values
  // into a "heading").
  if (isProse(ownText) || SECTION_START.test(ownText)) return labels.join('\n');
  const ownLine = lineSpan(text, own.start);
  if (offset > ownLine.end) labels.push(text.slice(own.start, Math.min(ownLine.end, own.start + 160)).trim());
  for (let k = index - 1, n = 0; k >= 0 && n < 8; k--, n++) {
    const b = doc.blocks[k] as Block;
    const body = text.slice(b.start, b.end);
    if (b.kind === 'heading') {
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
