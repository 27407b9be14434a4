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
export function sectionLabel(doc: DocText, offset: number): string {
  const text = doc.text;
  const line = lineSpan(text, offset);
  const indent = (s: string) => /^\s*/.exec(s)?.[0].length ?? 0;
  let threshold = indent(text.slice(line.start, line.end));
  const labels: string[] = [];
  let cursor = line.start - 1;
  for (let n = 0; n < 40 && cursor > 0; n++) {
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
  if (labels.length > 0) return labels.join('\n');
  for (let k = doc.blocks.length - 1; k >= 0; k--) {
    const b = doc.blocks[k] as Block;
    if (b.kind === 'heading' && b.end <= offset) return text.slice(b.start, b.end).trim();
  }
  return '';
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
