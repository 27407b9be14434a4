import { StageError } from '@stixmill/contracts';
import { extractTextItems, getDocumentProxy, getMeta } from 'unpdf';
import { createDocumentBuilder } from './blocks.ts';
import type { ParsedBody } from './types.ts';

// PDF: the text layer's items grouped into lines by their baseline and into paragraphs by the
// space between lines; one block per paragraph with its page. No text layer means a scan.

interface Item {
  str: string;
  y: number;
  fontSize: number;
  hasEOL: boolean;
}

interface Line {
  text: string;
  y: number;
  size: number;
}

function linesOf(items: Item[]): Line[] {
  const lines: Line[] = [];
  let current: Line | undefined;
  for (const item of items) {
    const size = item.fontSize || 10;
    if (current && Math.abs(item.y - current.y) > size * 0.5) {
      lines.push(current);
      current = undefined;
    }
    if (current) current.text += item.str;
    else current = { text: item.str, y: item.y, size };
    if (item.hasEOL) {
      lines.push(current);
      current = undefined;
    }
  }
  if (current) lines.push(current);
  return lines;
}

/** Lines whose gap to the previous line is more than ~1.5 line heights start a new paragraph. */
function paragraphsOf(lines: Line[]): string[] {
  const paragraphs: string[] = [];
  let current: string[] = [];
  let previous: Line | undefined;
  for (const line of lines) {
    const text = line.text.trim();
    const gap = previous ? previous.y - line.y : 0;
    if (text === '' || (previous && (gap > Math.max(line.size, previous.size) * 1.6 || gap < 0))) {
      if (current.length) paragraphs.push(current.join(' '));
      current = [];
    }
    if (text !== '') {
      current.push(text);
      previous = line;
    }
  }
  if (current.length) paragraphs.push(current.join(' '));
  return paragraphs;
}

/** A PDF date ("D:20250724143000-04'00'") as ISO 8601. */
function pdfDate(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  const m =
    typeof value === 'string'
      ? /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Z+-])?(\d{2})?'?(\d{2})?/.exec(value)
      : null;
  if (!m) return undefined;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', sign, oh = '00', om = '00'] = m;
  const zone = sign === '+' || sign === '-' ? `${sign}${oh}:${om}` : 'Z';
  const time = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${zone}`);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

export async function parsePdf(bytes: Uint8Array): Promise<ParsedBody> {
  let pages: Item[][];
  let info: Record<string, unknown> = {};
  try {
    // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    try {
      pages = (await extractTextItems(pdf)).items;
      info = (await getMeta(pdf)).info ?? {};
    } finally {
      await pdf.loadingTask.destroy();
    }
  } catch (cause) {
    throw new StageError('parse_failed', `the PDF could not be read: ${(cause as Error).message}`, { cause });
  }
  const builder = createDocumentBuilder();
  pages.forEach((items, index) => {
    for (const paragraph of paragraphsOf(linesOf(items))) builder.add('paragraph', paragraph, { page: index + 1 });
  });
  const built = builder.build();
  if (built.text.trim() === '') throw new StageError('no_text', 'the PDF has no text layer (scanned?)');
  const title = typeof info.Title === 'string' ? info.Title.trim().slice(0, 2000) : '';
  const published = pdfDate(info.CreationDate);
  return { ...built, ...(title ? { title } : {}), ...(published ? { published } : {}) };
}
