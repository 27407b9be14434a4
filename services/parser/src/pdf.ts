import { StageError } from '@stixmill/contracts';
import { extractTextItems, getDocumentProxy, getMeta } from 'unpdf';
import { createDocumentBuilder } from './blocks.ts';
import { structureCharging } from './indictment.ts';
import { checkPdfBudget, PDF_LIMITS, type PdfLimits } from './pdf-budget.ts';
import { layoutPages, type PageText } from './pdf-layout.ts';
import type { ParsedBody } from './types.ts';

// PDF: the text layer's items put in reading order (pdf-layout.ts), one block per paragraph,
// table or heading with its page. No text layer means a scan.

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

export async function parsePdf(bytes: Uint8Array, limits: PdfLimits = PDF_LIMITS): Promise<ParsedBody> {
  checkPdfBudget(bytes, limits);
  let pages: PageText[];
  let info: Record<string, unknown> = {};
  try {
    // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    try {
      if (pdf.numPages > limits.pages)
        throw new StageError('too_large', `the PDF has ${pdf.numPages} pages; at most ${limits.pages} are read`);
      const { items } = await extractTextItems(pdf);
      pages = await Promise.all(
        items.map(async (pageItems, i) => {
          const [x0 = 0, , x1 = 0] = (await pdf.getPage(i + 1)).view;
          return { items: pageItems, ...(x1 > x0 ? { width: x1 - x0 } : {}) };
        }),
      );
      info = (await getMeta(pdf)).info ?? {};
    } finally {
      await pdf.loadingTask.destroy();
    }
  } catch (cause) {
    if (cause instanceof StageError) throw cause;
    throw new StageError('parse_failed', `the PDF could not be read: ${(cause as Error).message}`, { cause });
  }
  const builder = createDocumentBuilder();
  for (const block of structureCharging(layoutPages(pages))) {
    builder.add(block.kind, block.text, {
      page: block.page,
      ...(block.level === undefined ? {} : { level: block.level }),
    });
  }
  const built = builder.build();
  if (built.text.trim() === '') throw new StageError('no_text', 'the PDF has no text layer (scanned?)');
  const title = typeof info.Title === 'string' ? info.Title.trim().slice(0, 2000) : '';
  const published = pdfDate(info.CreationDate);
  return { ...built, ...(title ? { title } : {}), ...(published ? { published } : {}) };
}
