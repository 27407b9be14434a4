import type { BLOCK_KINDS, Block, DocumentMeta, Link, LinkRole } from '@stixmill/contracts';

// The contract types the parser's modules share, in one place.

export type { Block, DocumentMeta, Link, LinkRole };
export type BlockKind = (typeof BLOCK_KINDS)[number];

/** What every format parser returns; parseDocument adds the facts that come from outside the body. */
export interface ParsedBody {
  text: string;
  blocks: Block[];
  links: Link[];
  title?: string;
  /** ISO 8601 with an offset. */
  published?: string;
  /** The publisher's host, when the document names it (canonical URL). */
  site?: string;
}

/** What the parser knows about a document besides its bytes. */
export interface DocumentOrigin {
  contentType: string;
  /** The submitted URL, or `file:NAME` / `stdin`. */
  source: string;
  finalUrl?: string;
  filename?: string;
}
