import { StageError } from '@stixmill/contracts';

// Which documents the fetcher accepts, and what a body is when nobody says (a local file, stdin,
// a server that answers application/octet-stream).

export const ALLOWED_CONTENT_TYPES = [
  'text/html',
  'application/xhtml+xml',
  'text/plain',
  'text/markdown',
  'application/pdf',
  'application/json',
  'application/rss+xml',
  'application/atom+xml',
  'application/xml',
  'text/xml',
] as const;
export type AllowedContentType = (typeof ALLOWED_CONTENT_TYPES)[number];

/** Other names servers use for the same types. */
const ALIASES: Record<string, AllowedContentType> = {
  'text/x-markdown': 'text/markdown',
  'application/x-pdf': 'application/pdf',
  'text/json': 'application/json',
};

/** Types that say "I don't know": the body decides. */
const GENERIC = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/unknown']);

const EXTENSIONS: Record<string, AllowedContentType> = {
  html: 'text/html',
  htm: 'text/html',
  xhtml: 'application/xhtml+xml',
  txt: 'text/plain',
  text: 'text/plain',
  log: 'text/plain',
  csv: 'text/plain',
  md: 'text/markdown',
  markdown: 'text/markdown',
  pdf: 'application/pdf',
  json: 'application/json',
  rss: 'application/rss+xml',
  atom: 'application/atom+xml',
  xml: 'application/xml',
};

export interface ContentType {
  /** The media type alone, lower case ("text/html"). */
  essence: string;
  /** The charset parameter, lower case, when given. */
  charset?: string;
}

export function parseContentType(header: string | undefined): ContentType {
  const [type = '', ...params] = (header ?? '').split(';');
  const charset = params.map((p) => /^\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(p)?.[1]).find((c) => c !== undefined);
  const essence = type.trim().toLowerCase();
  return charset === undefined ? { essence } : { essence, charset: charset.toLowerCase() };
}

export function formatContentType(type: ContentType): string {
  return type.charset ? `${type.essence}; charset=${type.charset}` : type.essence;
}

export function allowedType(essence: string): AllowedContentType | undefined {
  const canonical = ALIASES[essence] ?? essence;
  return (ALLOWED_CONTENT_TYPES as readonly string[]).includes(canonical)
    ? (canonical as AllowedContentType)
    : undefined;
}

export function isGenericType(essence: string): boolean {
  return GENERIC.has(essence);
}

export function unsupportedType(what: string): StageError {
  return new StageError(
    'unsupported_type',
    `refused: ${what} is not a document type stixmill reads (it reads HTML, text, Markdown, PDF, JSON, RSS/Atom and XML)`,
    { details: { allowed: [...ALLOWED_CONTENT_TYPES] } },
  );
}

function extensionOf(filename: string | undefined): string | undefined {
  const match = /\.([a-z0-9]{1,10})$/i.exec(filename ?? '');
  return match?.[1]?.toLowerCase();
}

/** The PDF header may follow up to 1 KiB of junk (ISO 32000-1, 7.5.2 note, as readers allow). */
function isPdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 1024)).includes('%PDF-');
}

/** The type the bytes themselves show, or undefined for binary data. */
export function sniffBytes(bytes: Uint8Array): AllowedContentType | undefined {
  if (isPdf(bytes)) return 'application/pdf';
  const head = bytes.subarray(0, 4096);
  if (head.includes(0)) return undefined;
  let text: string;
  try {
    // fatal: invalid UTF-8 means binary (an image, an archive), not a text document.
    text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    return undefined;
  }
  const start = text.replace(/^\uFEFF/, '').trimStart();
  const lower = start.slice(0, 1024).toLowerCase();
  if (/^<\?xml/.test(lower)) {
    if (lower.includes('<rss')) return 'application/rss+xml';
    if (lower.includes('<feed')) return 'application/atom+xml';
    if (lower.includes('<html')) return 'application/xhtml+xml';
    return 'application/xml';
  }
  if (/^<(!doctype html|html|head|body|!--)/.test(lower)) return 'text/html';
  if (/^[{[]/.test(start)) {
    try {
      JSON.parse(new TextDecoder().decode(bytes));
      return 'application/json';
    } catch {
      return 'text/plain';
    }
  }
  return 'text/plain';
}

/**
 * The content type of a document from what was declared (a header or the submitter's type),
 * its file name and its bytes. A PDF signature wins over any label; otherwise a specific
 * declared type, then the extension, then the bytes. Throws unsupported_type otherwise.
 */
export function sniffContentType(input: { declared?: string; filename?: string; bytes: Uint8Array }): string {
  if (isPdf(input.bytes)) return 'application/pdf';
  const declared = parseContentType(input.declared);
  if (!isGenericType(declared.essence)) {
    const allowed = allowedType(declared.essence);
    if (!allowed) throw unsupportedType(`content type ${declared.essence}`);
    return formatContentType({ ...declared, essence: allowed });
  }
  const extension = extensionOf(input.filename);
  const byExtension = extension === undefined ? undefined : EXTENSIONS[extension];
  if (byExtension) return byExtension;
  const byBytes = sniffBytes(input.bytes);
  if (!byBytes) throw unsupportedType(input.filename ? `${input.filename} (binary data)` : 'binary data');
  return byBytes;
}
