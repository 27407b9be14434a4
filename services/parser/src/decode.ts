// Bytes to text: the charset the server or the page declares, a byte-order mark, else UTF-8.

export interface MediaType {
  essence: string;
  charset?: string;
}

export function parseMediaType(contentType: string): MediaType {
  const [type = '', ...params] = contentType.split(';');
  const charset = params.map((p) => /^\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(p)?.[1]).find((c) => c !== undefined);
  const essence = type.trim().toLowerCase();
  return charset === undefined ? { essence } : { essence, charset: charset.toLowerCase() };
}

/** `<meta charset>` or its http-equiv form in the first KiB of an HTML page. */
function htmlCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  return /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1];
}

function bomCharset(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

export function decodeText(bytes: Uint8Array, options: { charset?: string; html?: boolean } = {}): string {
  const label = bomCharset(bytes) ?? options.charset ?? (options.html ? htmlCharset(bytes) : undefined) ?? 'utf-8';
  const decoder = (() => {
    try {
      return new TextDecoder(label);
    } catch {
      // An unknown label: UTF-8 reads most of what is out there, with replacement characters for the rest.
      return new TextDecoder('utf-8');
    }
  })();
  return decoder.decode(bytes);
}
