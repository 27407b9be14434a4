// Groups and software a report links to their ATT&CK page ("[Elfin Group](https://attack.mitre.org/groups/G0064/)"):
// the id in the link says which entry is meant, whatever name the anchor text uses.
import type { ParsedDocument } from '@stixmill/contracts';
import type { Entry, Gazetteer } from '../gazetteer.ts';

export interface AttackLink {
  entry: Entry;
  /** The anchor text's span, or the URL's where the link has no text. */
  start: number;
  end: number;
}

const PAGE = /^https?:\/\/attack\.mitre\.org\/(?:groups|software)\/([GS]\d{4})\b/i;
/** A Markdown link or a bare URL to a group or software page, in the text itself. */
const IN_TEXT =
  /\[([^\]\n]{1,120})\]\(\s*(https?:\/\/attack\.mitre\.org\/(?:groups|software)\/[GS]\d{4}\b[^)\s]*)\s*\)|https?:\/\/attack\.mitre\.org\/(?:groups|software)\/[GS]\d{4}\b/gi;

export function findAttackLinks(doc: ParsedDocument, gazetteer: Gazetteer): AttackLink[] {
  const out: AttackLink[] = [];
  const push = (href: string, start: number, end: number) => {
    const id = PAGE.exec(href)?.[1]?.toUpperCase();
    const entry = id === undefined ? undefined : gazetteer.byAttackId.get(id);
    if (entry) out.push({ entry, start, end });
  };
  for (const l of doc.links)
    if (l.start !== undefined && l.end !== undefined && l.end > l.start) push(l.href, l.start, l.end);
  for (const m of doc.text.matchAll(IN_TEXT)) {
    if (m[1] !== undefined) {
      const start = m.index + 1;
      push(m[2] as string, start, start + m[1].length);
    } else push(m[0], m.index, m.index + m[0].length);
  }
  return out;
}
