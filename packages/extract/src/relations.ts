// Relations the text states, one sentence at a time: two findings in one sentence and the words
// between them say how they relate ("Lazarus deployed BeaverTail", "a wallet controlled by
// Chapman", "Pyongyang-based Andariel"). Nothing is inferred across sentences, and a cue
// only joins neighbours: a finding of another kind between the two belongs to another clause.
// A persona's identifiers listed on the persona's own line are the persona's.
import type { Finding, FindingType, RelationType } from '@stixmill/contracts';
import type { Collector } from './collector.ts';
import type { TextView } from './text/view.ts';

const set = (...types: FindingType[]): ReadonlySet<FindingType> => new Set(types);
const ACTORS = set('intrusion-set', 'threat-actor', 'campaign');
const ADVERSARIES = set('intrusion-set', 'threat-actor');
const SOFTWARE = set('malware', 'tool');
const OWNED = set(
  'email-addr',
  'user-account',
  'cryptocurrency-wallet',
  'phone-number',
  'domain-name',
  'url',
  'ipv4-addr',
  'ipv6-addr',
);
const PERSONA_IDS = set('email-addr', 'user-account', 'cryptocurrency-wallet', 'phone-number');

/**
 * One way a sentence states a relation. `forward` is tested on the words between the source and
 * a later target, `backward` on the words between the target and a later source; both see the
 * words with list separators trimmed from either end ("used BeaverTail, X and" reads "used").
 */
export interface Cue {
  name: string;
  type: RelationType;
  source: ReadonlySet<FindingType>;
  target: ReadonlySet<FindingType>;
  forward?: RegExp;
  backward?: RegExp;
  confidence: number;
}

const OWN_VERB =
  '(?:controlled|owned|operated|used|registered|run|held|managed|created|opened|maintained|belonging|belongs|attributed|tied|linked)';
const OWN_NOUN =
  '(?:wallets?|address(?:es)?|accounts?|domains?|e-?mails?|e-?mail address(?:es)?|mailbox(?:es)?|handles?|usernames?|logins?|sites?|websites?|servers?|infrastructure|phone(?: numbers?)?|numbers?|profiles?|repositor(?:y|ies))';
const PERSONA_NOUN =
  '(?:personas?|alias(?:es)?|pseudonyms?|identit(?:y|ies)|profiles?|cover names?|fake names?|names?)';

export const CUES: readonly Cue[] = [
  {
    name: 'actor uses software',
    type: 'uses',
    source: ACTORS,
    target: SOFTWARE,
    forward:
      /\b(?:us(?:e|es|ed|ing)|deploy(?:s|ed|ing)?|leverag(?:e|es|ed|ing)|drop(?:s|ped|ping)?|deliver(?:s|ed|ing)?|install(?:s|ed|ing)?|ran|runs?|pull(?:s|ed)?|laundered|through|relied on|relies on|employ(?:s|ed|ing)|spread(?:s|ing)?|distribut(?:e|es|ed|ing)|infect(?:s|ed|ing)? \w+ with)\b/i,
    backward:
      /\b(?:used|deployed|leveraged|delivered|installed|operated|developed|written|spread|distributed|dropped|run) by$|\b(?:attributed|linked|tied) to$|\bwhich(?: the)?$|\bus(?:e|es|ed|ing)\b/i,
    confidence: 70,
  },
  {
    name: 'actor targets victim',
    type: 'targets',
    source: ACTORS,
    target: set('identity'),
    forward:
      /\b(?:target(?:s|ed|ing)?|attack(?:s|ed|ing)?|stole|steal(?:s|ing)?|theft|hack(?:s|ed|ing)?|breach(?:es|ed|ing)?|compromis(?:e|es|ed|ing)|infiltrat(?:e|es|ed|ing)|drain(?:s|ed|ing)?|defraud(?:s|ed|ing)?|rob(?:s|bed|bing)?|hired by|employ(?:ed|er)|against|victimi[sz](?:e|es|ed|ing))\b/i,
    backward:
      /\b(?:targeted|attacked|hacked|breached|compromised|infiltrated|drained|stolen|robbed|defrauded|victimi[sz]ed|exploited)\b[^.;]{0,80}\bby(?: the)?$/i,
    confidence: 60,
  },
  {
    // A place is a target only where the verb reaches it: "targeting firms in Japan", "used to
    // target Vietnamese defenders"; not a place named later in the clause.
    name: 'actor targets place',
    type: 'targets',
    source: ACTORS,
    target: set('location'),
    forward:
      /\b(?:target(?:s|ed|ing)?|attack(?:s|ed|ing)?|infiltrat(?:e|es|ed|ing)|compromis(?:e|es|ed|ing)|hack(?:s|ed|ing)?|breach(?:es|ed|ing)?|focus(?:es|ed|ing)? on|against)\b[^.;]{0,80}\b(?:in|across|throughout|on|against)(?: the)?$|\b(?:target(?:s|ed|ing)?|attack(?:s|ed|ing)?|against)(?: the)?$/i,
    confidence: 55,
  },
  {
    name: 'adversary or organisation located at place',
    type: 'located-at',
    source: set('intrusion-set', 'threat-actor', 'identity'),
    target: set('location'),
    // "X is based in", "X, who resided in", DOJ's "NAME, 39, of Litchfield Park": the place
    // phrase must follow its subject, not a company named after it ("hired by a firm based in").
    forward:
      /^\(?(?:an? (?:citizen|national) of[ ,]{0,4})?(?:(?:who|which|that) )?(?:(?:is|was|are|were|has been|had been|have been|reportedly|allegedly|currently|now|then|also|primarily|mainly|mostly) )*(?:based (?:in|out of)|located in|resid(?:e|es|ed|ing|ents?) (?:in|of)|liv(?:e|es|ed|ing) in|operat(?:e|es|ed|ing) (?:from|out of|in)|work(?:s|ed|ing)? from|relocated to|headquartered in)(?: the)?$|^(?:\d{1,3}, )?of$/i,
    // "Pyongyang-based Andariel", "a Shenyang-based front".
    backward: /^-?based$/i,
    confidence: 60,
  },
  {
    // Citizenship says where someone is from, not where they are: a weaker located-at.
    name: 'national of a country',
    type: 'located-at',
    source: ADVERSARIES,
    target: set('location'),
    forward: /\b(?:citizens?|nationals?|residents?) of(?: the)?$/i,
    backward: /^(?:nationals?|citizens?)$/i,
    confidence: 45,
  },
  {
    name: 'persona or member attributed to its operator',
    type: 'attributed-to',
    source: set('threat-actor', 'campaign', 'intrusion-set'),
    target: ADVERSARIES,
    forward: new RegExp(
      String.raw`\b(?:${PERSONA_NOUN}|fronts?|members?|operatives?|agents?|employees?|workers?|subordinates?)\s+(?:of|for|used by|operated by|controlled by|run by|belonging to|linked to|tied to|created by|managed by|working for|associated with)(?: the)?$|\b(?:attributed to|on behalf of|(?:works|worked|working) for|member of|affiliated with|acting for|acted for|a unit of|part of)(?: the)?$`,
      'i',
    ),
    // "Jong Pong Ju used the persona “Bryan Cho”", "Kim posed as".
    backward: new RegExp(
      String.raw`\b(?:us(?:e|es|ed|ing)|operat(?:e|es|ed|ing)|creat(?:e|es|ed|ing)|control(?:s|led|ling)?|ran|runs?|adopt(?:s|ed|ing)?|assum(?:e|es|ed|ing))\s+(?:the\s+|a\s+|an\s+)?(?:fake\s+|false\s+|fictitious\s+|online\s+)?${PERSONA_NOUN}(?:\s+(?:of|named|called))?$|\bpos(?:e|es|ed|ing) as$|\b(?:presenting|presented) (?:himself|herself|themselves) as$|\bunder the (?:name|alias)s?$`,
      'i',
    ),
    confidence: 65,
  },
  {
    name: 'identifier belongs to adversary',
    type: 'related-to',
    source: OWNED,
    target: set('intrusion-set', 'threat-actor', 'campaign'),
    // "0x…, a wallet controlled by Lazarus", "evil.com (registered by KIM)".
    forward: new RegExp(
      String.raw`^\(?(?:(?:which|that) (?:is|was|are|were) |(?:is|was|are|were) |all )?(?:an? |the )?(?:[\w-]+ ){0,2}?(?:${OWN_NOUN} )?${OWN_VERB} (?:by|to)(?: the)?$|^\(?(?:used|controlled|owned|operated) by(?: the)?$|\b${OWN_NOUN} of(?: an?| the| his| her| their)?(?: [\w-]+){0,3}$`,
      'i',
    ),
    // "Chapman registered the domain evil.com", "Lazarus's wallet 0x…", "KIM used the e-mail".
    backward: new RegExp(
      String.raw`^['’]?s$|^\([\w .:,-]{0,120}$|^(?:['’]?s(?: \w+)?\s+${OWN_NOUN}|(?:who |which |that )?(?:also )?(?:controls?|controlled|owns?|owned|operates?|operated|registered|registers|uses|used|using|created|opened|maintained|holds?|held)\s+(?:the |a |an |his |her |their |its )?(?:[\w-]+ ){0,2}?${OWN_NOUN})(?: at| of| named| called)?:?$`,
      'i',
    ),
    confidence: 60,
  },
];

interface Mention {
  finding: Finding;
  start: number;
  end: number;
}

/** Separators of a list, trimmed from both ends of the words between two findings. */
const LIST_EDGE = /^(?:[\s,;:“”"']|\band\b|\bor\b|\bas well as\b)+|(?:[\s,;:“”"']|\band\b|\bor\b|\bas well as\b)+$/g;
const MAX_GAP = 160;
/** What may precede the person a record line is about: bullets, numbers, a short label. */
const RECORD_OPENING = /^[\s\-*•|>#\d./)]{0,12}(?:[A-Z][\w -]{0,30}:\s*)?[“"']?$/;

/**
 * The words between two mentions of a sentence, or undefined when a finding of another kind
 * stands between them (it takes the cue) or they are far apart. Findings of either end's own
 * type are a list and are skipped: "used BeaverTail, OtterCookie and InvisibleFerret".
 */
function gapBetween(text: string, group: readonly Mention[], i: number, j: number): string | undefined {
  const a = group[i] as Mention;
  const b = group[j] as Mention;
  if (b.start - a.end > MAX_GAP || b.start < a.end) return undefined;
  let gap = '';
  let at = a.end;
  for (let k = i + 1; k < j; k++) {
    const m = group[k] as Mention;
    if (m.start < at) continue;
    // A list of one end's kind, or of identifiers when an end is one ("GitHub: x, email y").
    const listed =
      m.finding.type === a.finding.type ||
      m.finding.type === b.finding.type ||
      (OWNED.has(m.finding.type) && (OWNED.has(a.finding.type) || OWNED.has(b.finding.type)));
    if (!listed) return undefined;
    gap += `${text.slice(at, m.start)} , `;
    at = m.end;
  }
  gap += text.slice(at, b.start);
  return gap.replace(/\s+/g, ' ').replace(LIST_EDGE, '');
}

/** Every relation a cue states between mentions of one sentence. */
export function statedRelations(
  text: string,
  group: readonly Mention[],
  cues: readonly Cue[] = CUES,
): Array<{ cue: Cue; source: Mention; target: Mention }> {
  const found: Array<{ cue: Cue; source: Mention; target: Mention }> = [];
  const sorted = [...group].sort((x, y) => x.start - y.start || y.end - x.end);
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      const a = sorted[i] as Mention;
      const b = sorted[j] as Mention;
      // Sorted by start: every later mention is farther still.
      if (b.start - a.end > MAX_GAP) break;
      if (a.finding.id === b.finding.id) continue;
      let gap: string | undefined | null = null;
      for (const cue of cues) {
        const forward = cue.forward && cue.source.has(a.finding.type) && cue.target.has(b.finding.type);
        const backward = cue.backward && cue.source.has(b.finding.type) && cue.target.has(a.finding.type);
        if (!forward && !backward) continue;
        if (gap === null) gap = gapBetween(text, sorted, i, j);
        if (gap === undefined) break;
        if (forward && cue.forward?.test(gap)) found.push({ cue, source: a, target: b });
        else if (backward && cue.backward?.test(gap)) found.push({ cue, source: b, target: a });
      }
    }
  }
  return found;
}

/**
 * The mentions on the lines a record wraps onto: a sanctions entry runs on until a line ends a
 * sentence, a blank line, or a line that opens with a person of its own (at most six lines).
 */
function continuation(view: TextView, lineStart: number, byLine: ReadonlyMap<number, Mention[]>): Mention[] {
  const text = view.text;
  const out: Mention[] = [];
  let line = view.line(lineStart);
  for (let n = 0; n < 6; n++) {
    if (/[.!?]\s*$/.test(text.slice(line.start, line.end)) || line.end >= text.length) break;
    line = view.line(line.end + 1);
    const body = text.slice(line.start, line.end);
    if (body.trim() === '' || /^\s*[-*•]/.test(body)) break;
    const mentions = byLine.get(line.start) ?? [];
    if (mentions.some((m) => m.finding.type === 'threat-actor' && RECORD_OPENING.test(text.slice(line.start, m.start))))
      break;
    out.push(...mentions);
  }
  return out;
}

export function addRelations(view: TextView, out: Collector): void {
  const text = view.text;
  const bySentence = new Map<number, Mention[]>();
  const byLine = new Map<number, Mention[]>();
  for (const finding of out.findings()) {
    for (const e of finding.evidence) {
      const m = { finding, start: e.start, end: e.end };
      const s = view.sentence(e.start, e.end).start;
      const l = view.line(e.start).start;
      const inSentence = bySentence.get(s);
      if (inSentence) inSentence.push(m);
      else bySentence.set(s, [m]);
      const onLine = byLine.get(l);
      if (onLine) onLine.push(m);
      else byLine.set(l, [m]);
    }
  }
  for (const group of bySentence.values()) {
    if (group.length < 2) continue;
    for (const { cue, source, target } of statedRelations(text, group)) {
      const start = Math.min(source.start, target.start);
      const end = Math.max(source.end, target.end);
      out.relate(cue.type, source.finding.id, target.finding.id, start, end, cue.confidence);
    }
  }
  // "Persona 4: PEMBA SHERPA ... email: x@y", "Individual: KIM, Sang Man ...; ETH 0x…": a line
  // that opens with one person is that person's record, and its identifiers are theirs. A line
  // of prose says who owns what in words (the cues above).
  for (const [lineStart, group] of byLine) {
    const persons = group.filter((m) => m.finding.type === 'threat-actor' && m.finding.props.kind === 'person');
    const people = [...new Set(persons.map((m) => m.finding.id))];
    const first = persons.reduce<Mention | undefined>((x, m) => (x && x.start <= m.start ? x : m), undefined);
    if (!first || !RECORD_OPENING.test(text.slice(lineStart, first.start))) continue;
    if (people.length !== 1) continue;
    const person = people[0] as string;
    for (const m of [...group, ...continuation(view, lineStart, byLine)])
      if (PERSONA_IDS.has(m.finding.type)) out.relate('related-to', m.finding.id, person, m.start, m.end, 50);
  }
}
