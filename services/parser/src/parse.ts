import { createHash } from 'node:crypto';
import { type ParsedDocument, StageError } from '@stixmill/contracts';
import { decodeText, parseMediaType } from './decode.ts';
import { parseHtml } from './html.ts';
import { parseJson } from './json.ts';
import { hostOf } from './links.ts';
import { parseMarkdown } from './markdown.ts';
import { parsePdf } from './pdf.ts';
import { parseText } from './text.ts';
import type { DocumentOrigin, ParsedBody } from './types.ts';
import { parseXml } from './xml.ts';

// One entry for every format: pick the parser by content type, then add the facts that come
// from outside the body (source, final URL, hash).

type FormatParser = (
  bytes: Uint8Array,
  charset: string | undefined,
  origin: DocumentOrigin,
  site: string | undefined,
) => Promise<ParsedBody> | ParsedBody;

const html: FormatParser = (bytes, charset, origin) =>
  parseHtml(
    decodeText(bytes, { html: true, ...(charset ? { charset } : {}) }),
    origin.finalUrl ? { finalUrl: origin.finalUrl } : {},
  );
const xml: FormatParser = (bytes, charset, _origin, site) => {
  const text = decodeText(bytes, charset ? { charset } : {});
  // XHTML served as XML is a web page.
  return /^\s*(<\?xml[^>]*>\s*)?(<!doctype html|<html)/i.test(text)
    ? html(bytes, charset, _origin, site)
    : parseXml(text, site ? { site } : {});
};

const PARSERS: Record<string, FormatParser> = {
  'text/html': html,
  'application/xhtml+xml': html,
  'text/plain': (bytes, charset) => parseText(decodeText(bytes, charset ? { charset } : {})),
  'text/markdown': (bytes, charset, _origin, site) =>
    parseMarkdown(decodeText(bytes, charset ? { charset } : {}), site ? { site } : {}),
  'application/json': (bytes, charset) => parseJson(decodeText(bytes, charset ? { charset } : {})),
  'application/pdf': (bytes) => parsePdf(bytes),
  'application/rss+xml': xml,
  'application/atom+xml': xml,
  'application/xml': xml,
  'text/xml': xml,
};

export const PARSED_CONTENT_TYPES = Object.keys(PARSERS);

/**
 * Text no store refuses: NUL (PostgreSQL text and jsonb reject it) and lone surrogates (not
 * UTF-8 at all) become U+FFFD. One code unit for one, so every offset into the text still holds.
 */
export function storableText(text: string): string {
  return text.toWellFormed().replaceAll('\0', '\uFFFD');
}

/**
 * Parses a fetched document into clean text with its blocks and links. Throws StageError:
 * unsupported_type, parse_failed, or no_text (a scanned PDF, an empty page).
 */
export async function parseDocument(bytes: Uint8Array, origin: DocumentOrigin): Promise<ParsedDocument> {
  const { essence, charset } = parseMediaType(origin.contentType);
  const parser = PARSERS[essence];
  if (!parser) throw new StageError('unsupported_type', `the parser does not read ${essence || 'untyped documents'}`);
  const urlSite = hostOf(origin.finalUrl ?? '') ?? hostOf(origin.source);
  const body = await parser(bytes, charset, origin, urlSite);
  body.text = storableText(body.text);
  if (body.title) body.title = storableText(body.title);
  body.links = body.links.map((link) => ({ ...link, text: storableText(link.text), href: storableText(link.href) }));
  if (body.text.trim() === '') throw new StageError('no_text', `the document has no text (${essence})`);
  const site = body.site ?? urlSite;
  return {
    meta: {
      source: origin.source,
      ...(origin.finalUrl ? { finalUrl: origin.finalUrl } : {}),
      ...(site ? { site } : {}),
      ...(body.title ? { title: body.title } : {}),
      ...(body.published ? { published: body.published } : {}),
      contentType: origin.contentType,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    },
    text: body.text,
    blocks: body.blocks,
    links: body.links,
  };
}
