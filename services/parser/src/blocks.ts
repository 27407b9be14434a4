import type { Block, BlockKind, Link, LinkRole } from './types.ts';

// Builds ParsedDocument.text block by block and keeps every offset right by construction:
// blocks and link anchors are measured while the text is written, never searched for later.

/** A piece of a block's text; `link` when it is an anchor. `raw` text keeps its whitespace. */
export interface Run {
  text: string;
  raw?: boolean;
  link?: { href: string; role: LinkRole };
}

export interface BlockOptions {
  level?: number;
  page?: number;
}

export interface DocumentBuilder {
  /** Adds a block; whitespace in runs that are not raw collapses to single spaces. Empty blocks are skipped. */
  add(kind: BlockKind, content: string | Run[], options?: BlockOptions): void;
  /** Records a link whose anchor is not in the text (navigation, dropped share widgets ...). */
  link(href: string, text: string, role: LinkRole): void;
  /** True when the text already holds this block text (to avoid repeating a title). */
  has(text: string): boolean;
  build(): { text: string; blocks: Block[]; links: Link[] };
}

const BLOCK_SEPARATOR = '\n\n';
const MAX_HREF = 8192;
const MAX_ANCHOR = 4096;

export function createDocumentBuilder(): DocumentBuilder {
  let text = '';
  const blocks: Block[] = [];
  const links: Link[] = [];

  function render(runs: Run[]): { body: string; anchors: { start: number; end: number; run: Run }[] } {
    let body = '';
    const anchors: { start: number; end: number; run: Run }[] = [];
    for (const run of runs) {
      let piece = run.raw ? run.text : run.text.replace(/\s+/g, ' ');
      if (!run.raw && (body === '' || /\s$/.test(body))) piece = piece.replace(/^ /, '');
      const start = body.length + (piece.length - piece.trimStart().length);
      body += piece;
      if (run.link) anchors.push({ start, end: body.trimEnd().length, run });
    }
    return { body, anchors };
  }

  return {
    add(kind, content, options = {}) {
      const runs =
        typeof content === 'string' ? [{ text: content, raw: kind === 'code' || kind === 'table' }] : content;
      const { body, anchors } = render(runs);
      const lead = body.length - body.trimStart().length;
      const trimmed = body.trim();
      const offset = text === '' ? 0 : text.length + BLOCK_SEPARATOR.length;
      for (const anchor of anchors) {
        const link = anchor.run.link;
        if (!link) continue;
        const anchorText = anchor.run.text.replace(/\s+/g, ' ').trim().slice(0, MAX_ANCHOR);
        const start = Math.max(0, anchor.start - lead);
        const end = Math.min(trimmed.length, anchor.end - lead);
        const entry: Link = { href: link.href.slice(0, MAX_HREF), text: anchorText, role: link.role };
        if (trimmed !== '' && end > start) Object.assign(entry, { start: offset + start, end: offset + end });
        links.push(entry);
      }
      if (trimmed === '') return;
      if (text !== '') text += BLOCK_SEPARATOR;
      text += trimmed;
      const block: Block = { kind, start: offset, end: offset + trimmed.length };
      if (options.level !== undefined) block.level = Math.min(6, Math.max(1, options.level));
      if (options.page !== undefined) block.page = options.page;
      blocks.push(block);
    },
    link(href, anchorText, role) {
      links.push({
        href: href.slice(0, MAX_HREF),
        text: anchorText.replace(/\s+/g, ' ').trim().slice(0, MAX_ANCHOR),
        role,
      });
    },
    has(needle) {
      return needle !== '' && text.includes(needle);
    },
    build() {
      return { text, blocks, links };
    },
  };
}
