// Relations the text states: an actor and a tool in one sentence with a verb of use, an actor
// and a victim with a verb of attack, an actor and a place with a word of residence, and a
// persona's identifiers listed on the persona's own line. Nothing is inferred across sentences.
import type { Finding } from '@stixmill/contracts';
import type { Collector } from './collector.ts';
import type { TextView } from './text/view.ts';

const ACTOR = new Set(['intrusion-set', 'threat-actor', 'campaign']);
const USES =
  /\b(?:us(?:e|es|ed|ing)|deploy(?:s|ed|ing)?|leverag(?:e|es|ed|ing)|drop(?:s|ped|ping)?|deliver(?:s|ed|ing)?|install(?:s|ed|ing)?|ran|runs?|pull(?:s|ed)?|laundered|through)\b/i;
const TARGETS =
  /\b(?:target(?:s|ed|ing)?|attack(?:s|ed|ing)?|stole|steal(?:s|ing)?|theft|hack(?:ed)?|breach(?:ed)?|compromis(?:e|ed|ing)|infiltrat(?:e|ed|ing)|drain(?:ed)?|hired by|employ(?:ed|er))\b/i;
const LOCATED =
  /\b(?:based in|located in|resid(?:es|ed|ing) in|citizens? of|nationals? of|operat(?:e|es|ed|ing) (?:from|in))\b/i;
const PERSONA_IDS = new Set(['email-addr', 'user-account', 'cryptocurrency-wallet', 'phone-number']);

interface Mention {
  finding: Finding;
  start: number;
  end: number;
}

export function addRelations(view: TextView, out: Collector): void {
  const text = view.text;
  const mentions: Mention[] = [];
  for (const f of out.findings()) for (const e of f.evidence) mentions.push({ finding: f, start: e.start, end: e.end });
  const bySentence = new Map<number, Mention[]>();
  const byLine = new Map<number, Mention[]>();
  for (const m of mentions) {
    const s = view.sentence(m.start, m.end).start;
    bySentence.set(s, [...(bySentence.get(s) ?? []), m]);
    const l = view.line(m.start).start;
    byLine.set(l, [...(byLine.get(l) ?? []), m]);
  }
  for (const group of bySentence.values()) {
    for (const a of group) {
      if (!ACTOR.has(a.finding.type)) continue;
      for (const b of group) {
        if (a === b) continue;
        const between = text.slice(Math.min(a.end, b.end), Math.max(a.start, b.start));
        const t = b.finding.type;
        if ((t === 'malware' || t === 'tool') && USES.test(between))
          out.relate('uses', a.finding.id, b.finding.id, a.start, b.end, 60);
        else if (t === 'identity' && a.end <= b.start && TARGETS.test(between))
          out.relate('targets', a.finding.id, b.finding.id, a.start, b.end, 55);
        else if (t === 'location' && a.finding.type === 'threat-actor' && LOCATED.test(between))
          out.relate('located-at', a.finding.id, b.finding.id, a.start, b.end, 55);
      }
    }
  }
  // "Persona 4: PEMBA SHERPA ... email: x@y" — identifiers on the line of exactly one persona.
  for (const group of byLine.values()) {
    const people = [
      ...new Set(
        group
          .filter((m) => m.finding.type === 'threat-actor' && m.finding.props.kind === 'person')
          .map((m) => m.finding.id),
      ),
    ];
    if (people.length !== 1) continue;
    const person = people[0] as string;
    for (const m of group)
      if (PERSONA_IDS.has(m.finding.type)) out.relate('related-to', m.finding.id, person, m.start, m.end, 50);
  }
}
