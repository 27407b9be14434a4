import { createDocumentBuilder } from './blocks.ts';
import type { ParsedBody } from './types.ts';

// Plain text: blocks are separated by blank lines; runs of lines that look like table rows stay
// together as a table, bullet lines become list items, underlined or short upper-case lines headings.

const ROW = /\t|\s\|\s|^\s*\|.*\|\s*$|\S {2,}\S/;
const BULLET = /^\s*([-*•‣◦]|\d{1,3}[.)])\s+/;
const UNDERLINE = /^\s*(=+|-+)\s*$/;

function isHeadingLine(line: string): boolean {
  const t = line.trim();
  return t.length >= 3 && t.length <= 80 && /[A-Z]/.test(t) && t === t.toUpperCase() && !/[.,;]$/.test(t);
}

export function parseText(input: string): ParsedBody {
  const builder = createDocumentBuilder();
  const chunks = input.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/);
  for (const chunk of chunks) {
    const lines = chunk.split('\n').filter((l) => l.trim() !== '');
    let paragraph: string[] = [];
    let rows: string[] = [];
    const flushParagraph = () => {
      if (paragraph.length) builder.add('paragraph', paragraph.join(' '));
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
