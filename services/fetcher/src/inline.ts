import { StageError } from '@stixmill/contracts';
import { sniffContentType } from '@stixmill/safe-fetch';

// Documents submitted inline (the CLI's local files and stdin): no network, the same limits.

export interface InlineSource {
  base64: string;
  contentType?: string | undefined;
  filename?: string | undefined;
}

export interface InlineDocument {
  contentType: string;
  body: Uint8Array;
}

export function decodeInline(source: InlineSource, maxBytes: number): InlineDocument {
  // Checked on the encoded length first, so an oversized submission is never decoded.
  const estimated = Math.floor((source.base64.length * 3) / 4);
  if (estimated > maxBytes + 2) {
    throw new StageError('too_large', `refused: the document is larger than ${maxBytes} bytes`, {
      details: { maxBytes, size: estimated },
    });
  }
  return uploadedDocument(Buffer.from(source.base64, 'base64'), source, maxBytes);
}

/** An uploaded document's bytes (inline or from the blob store): the size limit, then its type. */
export function uploadedDocument(
  body: Uint8Array,
  source: Omit<InlineSource, 'base64'>,
  maxBytes: number,
): InlineDocument {
  if (body.length > maxBytes) {
    throw new StageError('too_large', `refused: the document is larger than ${maxBytes} bytes`, {
      details: { maxBytes, size: body.length },
    });
  }
  const contentType = sniffContentType({
    bytes: body,
    ...(source.contentType === undefined ? {} : { declared: source.contentType }),
    ...(source.filename === undefined ? {} : { filename: source.filename }),
  });
  return { contentType, body };
}
