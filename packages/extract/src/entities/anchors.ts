// The links of a document with the span of their anchor text, wherever they are written: the
// parser's links (HTML anchors, whose text is in the document's text) and Markdown links
// written in the text itself ("[Quillgate](https://...)"). What a link points at can say what
// the anchor text names (attack-links.ts, repository-links.ts).
import type { ParsedDocument } from '@stixmill/contracts';

export interface Anchor {
  href: string;
  /** The anchor text, and where it stands in the document's text. */
  text: string;
  start: number;
  end: number;
}

const MARKDOWN = /\[([^\]\n]{1,120})\]\(\s*(https?:\/\/[^)\s]+)\s*\)/g;

export function anchoredLinks(doc: ParsedDocument): Anchor[] {
  const out: Anchor[] = [];
  for (const l of doc.links)
    if (l.start !== undefined && l.end !== undefined && l.end > l.start)
      out.push({ href: l.href, text: doc.text.slice(l.start, l.end), start: l.start, end: l.end });
  for (const m of doc.text.matchAll(MARKDOWN)) {
    const text = m[1] as string;
    out.push({ href: m[2] as string, text, start: m.index + 1, end: m.index + 1 + text.length });
  }
  return out;
}
