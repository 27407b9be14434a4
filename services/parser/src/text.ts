import { createDocumentBuilder } from './blocks.ts';
import type { ParsedBody } from './types.ts';

// Plain text: blocks are separated by blank lines; runs of lines that look like table rows stay
// together as a table, bullet lines become list items, underlined, '#'-marked or short upper-case
// lines headings.
// Inside a paragraph the author's lines are kept, and only hard-wrapped prose is joined.

const ROW = /\t|\s\|\s|^\s*\|.*\|\s*$|\S {2,}\S/;
const BULLET = /^\s*([-*•‣◦]|\d{1,3}[.)])\s+/;
const UNDERLINE = /^\s*(=+|-+)\s*$/;
const ATX = /^\s{0,3}(#{1,6})[ \t]+(\S.{0,150})$/;

function isHeadingLine(line: string): boolean {
  const t = line.trim();
  return t.length >= 3 && t.length <= 80 && /[A-Z]/.test(t) && t === t.toUpperCase() && !/[.,;]$/.test(t);
}

/** A line that carries a value rather than prose: a lone token, or one opening with a URL, host or hash. */
function isValueLine(line: string): boolean {
  const t = line.trim();
  const first = t.split(/\s/, 1)[0] ?? '';
  return !t.includes(' ') || /[./:@\\[\]]/.test(first.replace(/[.,;:]$/, '')) || /^[0-9a-f]{16,}$/i.test(first);
}

/**
 * The author's lines, with hard-wrapped prose joined again: a line runs on into the next when the
 * next continues a sentence (starts in lower case) or the line was cut at the wrap width without
 * ending a sentence. Lines of values and short label lines stay apart, so a word on one line
 * ("legitimate", "subscribe") never shares a line with the values under it.
 */
function keepLines(lines: readonly string[]): string {
  let out = '';
  let prev = '';
  for (const raw of lines) {
    const line = raw.replace(/[ \t]+/g, ' ').trim();
    if (out === '') out = line;
    else {
      const joins =
        !isValueLine(prev) &&
        !isValueLine(line) &&
        (/^\p{Ll}/u.test(line) || (prev.length >= 60 && !/[.:;!?]$/.test(prev)));
      out += (joins ? ' ' : '\n') + line;
    }
    prev = line;
  }
  return out;
}

export function parseText(input: string): ParsedBody {
  const builder = createDocumentBuilder();
  const chunks = input.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/);
  for (const chunk of chunks) {
    const lines = chunk.split('\n').filter((l) => l.trim() !== '');
    let paragraph: string[] = [];
    let rows: string[] = [];
    const flushParagraph = () => {
      if (paragraph.length) builder.add('paragraph', [{ text: keepLines(paragraph), raw: true }]);
      paragraph = [];
    };
    const flushRows = () => {
      if (rows.length >= 2) {
        flushParagraph();
        builder.add('table', rows.map((r) => r.trimEnd()).join('\n'));
      } else paragraph.push(...rows);
      rows = [];
    };
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] ?? '';
      const next = lines[i + 1];
      if (next !== undefined && UNDERLINE.test(next) && !UNDERLINE.test(line)) {
        flushRows();
        flushParagraph();
        builder.add('heading', line, { level: next.trim().startsWith('=') ? 1 : 2 });
        i++;
      } else if (ATX.test(line)) {
        // "### Background": text copied from a Markdown page keeps its headings' marks.
        const m = ATX.exec(line) as RegExpExecArray;
        flushRows();
        flushParagraph();
        builder.add('heading', (m[2] as string).replace(/\s+#+\s*$/, ''), { level: (m[1] as string).length });
      } else if (BULLET.test(line)) {
        flushRows();
        flushParagraph();
        builder.add('list-item', line.replace(BULLET, ''));
      } else if (ROW.test(line)) {
        rows.push(line);
      } else if (lines.length === 1 && isHeadingLine(line)) {
        builder.add('heading', line, { level: 2 });
      } else {
        flushRows();
        paragraph.push(line);
      }
    }
    flushRows();
    flushParagraph();
  }
  const built = builder.build();
  const first = built.blocks[0];
  const firstText = first ? built.text.slice(first.start, first.end) : '';
  // A short first line is the title of most text reports ("FBI FLASH: ...").
  const title = firstText.length > 0 && firstText.length <= 200 && !firstText.includes('\n') ? firstText : undefined;
  return { ...built, ...(title ? { title } : {}) };
}
