import { inflateSync, constants as zlib } from 'node:zlib';
import { StageError } from '@stixmill/contracts';

// Decompression bombs. pdf.js inflates every content, font and object stream it reads, with no
// limit: a 1 MB file can hold a 1 GiB stream. Before pdf.js sees a PDF, each Flate stream that
// text extraction would read is inflated here with a cap, and the totals are checked; images
// are skipped (text extraction never decodes them). Encrypted and LZW streams are not measured.

export interface PdfLimits {
  /** Bytes one stream may inflate to. */
  perStream: number;
  /** Bytes all streams together may inflate to. */
  perDocument: number;
  /** Pages read. */
  pages: number;
}

export const PDF_LIMITS: PdfLimits = {
  perStream: 64 * 1024 * 1024,
  perDocument: 256 * 1024 * 1024,
  pages: 2000,
};

const MiB = 1024 * 1024;

function tooLarge(message: string): StageError {
  return new StageError('too_large', message);
}

/** The dictionary just before `stream` at `at`: the text back to its `<<`, at most 4 KiB. */
function dictionaryBefore(text: string, at: number): string {
  const start = Math.max(0, at - 4096);
  const window = text.slice(start, at);
  const open = window.lastIndexOf('<<');
  return open < 0 ? '' : window.slice(open);
}

/**
 * Throws too_large when a Flate stream of the PDF would inflate past `limits.perStream`, or all
 * of them past `limits.perDocument`. Linear in the file; each stream is inflated at most to its cap.
 */
export function checkPdfBudget(bytes: Uint8Array, limits: PdfLimits = PDF_LIMITS): void {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // latin1 keeps one character per byte, so offsets in the text are offsets in the file.
  const text = buffer.toString('latin1');
  let total = 0;
  let from = 0;
  for (;;) {
    const keyword = text.indexOf('stream', from);
    if (keyword < 0) break;
    from = keyword + 6;
    // `endstream` also contains the word; a stream keyword follows `>>` and is followed by EOL.
    if (text.startsWith('end', keyword - 3)) continue;
    let start = keyword + 6;
    if (text[start] === '\r') start++;
    if (text[start] !== '\n') continue;
    start++;
    const dictionary = dictionaryBefore(text, keyword);
    if (!/\/(FlateDecode|Fl)\b/.test(dictionary) || /\/Subtype\s*\/Image\b/.test(dictionary)) continue;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    from = end + 9;
    let inflated: number;
    try {
      inflated = inflateSync(buffer.subarray(start, end), {
        maxOutputLength: limits.perStream + 1,
        // Streams often end without a proper zlib trailer: read what is there.
        finishFlush: zlib.Z_SYNC_FLUSH,
      }).length;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError)
        throw tooLarge(`a stream of the PDF inflates past ${limits.perStream / MiB} MiB (a decompression bomb?)`);
      continue; // not zlib after all, or damaged: pdf.js decides what to make of it
    }
    if (inflated > limits.perStream)
      throw tooLarge(`a stream of the PDF inflates past ${limits.perStream / MiB} MiB (a decompression bomb?)`);
    total += inflated;
    if (total > limits.perDocument)
      throw tooLarge(`the PDF's streams inflate past ${limits.perDocument / MiB} MiB together (a decompression bomb?)`);
  }
}
