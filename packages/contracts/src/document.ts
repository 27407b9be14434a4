import { z } from 'zod';

// What a report is and what it carries through every stage.

export const TLP_LEVELS = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;
export const Tlp = z.enum(TLP_LEVELS);
export type Tlp = z.infer<typeof Tlp>;

/** Who asked for the report and how it may be shared; carried unchanged from stage to stage. */
export const ReportContext = z.object({
  tlp: Tlp.default('clear'),
  labels: z.array(z.string().min(1).max(100)).max(50).default([]),
  submittedBy: z.string().max(200).optional(),
  /** Process the document even if the same URL or content was processed before. */
  rerun: z.boolean().default(false),
  /**
   * When the report was accepted. The exporter stamps the report's objects with it, so a
   * redelivered or replayed message yields byte-identical objects, not new versions.
   */
  submittedAt: z.iso.datetime().optional(),
});
export type ReportContext = z.infer<typeof ReportContext>;

/** The document as the parser leaves it: clean text with its block structure. */
export const BLOCK_KINDS = ['heading', 'paragraph', 'list-item', 'table', 'code', 'quote'] as const;
export const Block = z.object({
  kind: z.enum(BLOCK_KINDS),
  /** Offsets of the block in `ParsedDocument.text`: text.slice(start, end) is the block. */
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** Heading level 1-6. */
  level: z.number().int().min(1).max(6).optional(),
  /** 1-based page number, for documents with pages (PDF). */
  page: z.number().int().positive().optional(),
});
export type Block = z.infer<typeof Block>;

/**
 * What a link is for on the page. The extractor treats only `in-body` links as possible
 * indicators: navigation, share widgets, references to other reports and the publisher's own
 * pages are not the adversary's.
 */
export const LINK_ROLES = ['in-body', 'navigation', 'share', 'reference', 'publisher'] as const;
export const LinkRole = z.enum(LINK_ROLES);
export type LinkRole = z.infer<typeof LinkRole>;

export const Link = z.object({
  href: z.string().max(8192),
  text: z.string().max(4096),
  role: LinkRole,
  /** Offsets of the anchor text in `ParsedDocument.text`, when the anchor is in the text. */
  start: z.number().int().nonnegative().optional(),
  end: z.number().int().nonnegative().optional(),
});
export type Link = z.infer<typeof Link>;

/** Facts about the document that every later stage keeps (for the STIX report and evidence). */
export const DocumentMeta = z.object({
  /** Where the document came from: the submitted URL, or `file:NAME` / `stdin`. */
  source: z.string().max(8192),
  /** The URL after redirects, for fetched documents. */
  finalUrl: z.url().optional(),
  /** The publisher's host (e.g. www.justice.gov); its links are never indicators. */
  site: z.string().max(253).optional(),
  title: z.string().max(2000).optional(),
  /** When the publisher published it (ISO 8601), when the page says. */
  published: z.iso.datetime({ offset: true }).optional(),
  contentType: z.string().max(200),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type DocumentMeta = z.infer<typeof DocumentMeta>;

export const ParsedDocument = z.object({
  meta: DocumentMeta,
  text: z.string(),
  blocks: z.array(Block),
  links: z.array(Link).default([]),
});
export type ParsedDocument = z.infer<typeof ParsedDocument>;
