import { describe, expect, test } from 'vitest';
import { makePdf } from './fixtures/pdf.ts';
import { parseDocument } from './parse.ts';
import { parsePdf } from './pdf.ts';
import { checkPdfBudget, PDF_LIMITS } from './pdf-budget.ts';

const MiB = 1024 * 1024;
const line = { text: 'Lazarus Group laundered the stolen funds through THORChain.', y: 700 };

describe('PDF decompression bombs', () => {
  test('a compressed PDF within the limits is read as before', async () => {
    const doc = await parsePdf(makePdf([[line]], { compress: true }));
    expect(doc.text).toContain('Lazarus Group laundered the stolen funds');
  });

  test('a stream inflating past the per-stream limit is too_large, refused before pdf.js reads it', async () => {
    // About 200 KB on disk, 200 MiB inflated.
    const bomb = makePdf([[line]], { padding: 200 * MiB });
    expect(bomb.byteLength).toBeLessThan(1 * MiB);
    const rss = process.memoryUsage().rss;
    await expect(
      parseDocument(bomb, { contentType: 'application/pdf', source: 'file:bomb.pdf' }),
    ).rejects.toMatchObject({ code: 'too_large', retryable: false, message: /inflates past 64 MiB/ });
    // Inflated at most to the cap: nowhere near the stream's 200 MiB.
    expect(process.memoryUsage().rss - rss).toBeLessThan(150 * MiB);
  });

  test('streams that together inflate past the per-document limit are too_large', () => {
    const pages = Array.from({ length: 4 }, () => [line]);
    const pdf = makePdf(pages, { padding: 3 * MiB });
    expect(() => checkPdfBudget(pdf, { ...PDF_LIMITS, perStream: 4 * MiB, perDocument: 10 * MiB })).toThrow(
      /inflate past 10 MiB together/,
    );
    expect(() => checkPdfBudget(pdf, { ...PDF_LIMITS, perStream: 4 * MiB, perDocument: 16 * MiB })).not.toThrow();
  });

  test('a PDF with more pages than the limit is too_large', async () => {
    const pdf = makePdf(Array.from({ length: 5 }, () => [line]));
    await expect(parsePdf(pdf, { ...PDF_LIMITS, pages: 4 })).rejects.toMatchObject({
      code: 'too_large',
      message: 'the PDF has 5 pages; at most 4 are read',
    });
  });
});
