// Groups and software a report links to their ATT&CK page ("[Elfin Group](https://attack.mitre.org/groups/G0064/)"):
// the id in the link says which entry is meant, whatever name the anchor text uses.
import type { ParsedDocument } from '@stixmill/contracts';
import type { Entry, Gazetteer } from '../gazetteer.ts';
import { anchoredLinks } from './anchors.ts';

export interface AttackLink {
  entry: Entry;
  /** The anchor text's span, or the URL's where the link has no text. */
  start: number;
  end: number;
}

const PAGE = /^https?:\/\/attack\.mitre\.org\/(?:groups|software)\/([GS]\d{4})\b/i;
/** A bare URL of a group or software page in the text (one inside a Markdown link is its anchor's). */
const BARE = /(?<!\]\(\s*)https?:\/\/attack\.mitre\.org\/(?:groups|software)\/[GS]\d{4}\b/gi;

export function findAttackLinks(doc: ParsedDocument, gazetteer: Gazetteer): AttackLink[] {
  const out: AttackLink[] = [];
  const push = (href: string, start: number, end: number) => {
    const id = PAGE.exec(href)?.[1]?.toUpperCase();
    const entry = id === undefined ? undefined : gazetteer.byAttackId.get(id);
    if (entry) out.push({ entry, start, end });
  };
  for (const a of anchoredLinks(doc)) push(a.href, a.start, a.end);
  for (const m of doc.text.matchAll(BARE)) push(m[0], m.index, m.index + m[0].length);
  return out;
}
