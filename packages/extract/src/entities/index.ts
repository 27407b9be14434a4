// Named entities: gazetteer names (actors, software, techniques, campaigns, places), people,
// organisations and described groups, added to the collector with their evidence.
import type { ParsedDocument } from '@stixmill/contracts';
import places from '../../data/places.json' with { type: 'json' };
import { isBrandName, isSecurityVendorName } from '../benign.ts';
import type { Collector } from '../collector.ts';
import { type Cue, confidence } from '../confidence.ts';
import { createGazetteer, type Entry, isEnglish, isGivenName, techniqueName, words } from '../gazetteer.ts';
import { createRecordReader } from '../text/records.ts';
import type { TextView } from '../text/view.ts';
import { isReferenceHeading, looksLikePublication, REFERENCE_CUE } from '../traps.ts';
import { findAttackLinks } from './attack-links.ts';
import { findDesignations } from './designations.ts';
import { findGroups } from './groups.ts';
import { findMentions } from './mentions.ts';
import { findNamed } from './named.ts';
import { findOrganisations } from './organisations.ts';
import { findPeople } from './people.ts';
import { besideBrand, inSpans, productListSpans } from './products.ts';
import { findRecordOrganisations } from './record-organisations.ts';
import { findRepositoryLinks } from './repository-links.ts';
import { findStructured, type StructureType } from './structure.ts';
import { usedAsTechnique } from './technical.ts';

const gazetteer = createGazetteer();

/** Confidence by the cue that found a name, and the cue (with the structure rule) as its reasons. */
const cued = (cue: Cue, rule?: string) => ({ confidence: confidence(cue), reasons: rule ? [cue, rule] : [cue] });

const SOFTWARE_OR_GROUP = new Set(['malware', 'tool', 'intrusion-set']);
const SOFTWARE = new Set(['malware', 'tool']);

/**
 * The operating system's command interpreters: nearly every intrusion runs "cmd.exe /c ...", so
 * ATT&CK's "cmd" entry says nothing an analyst would track, any more than "Windows" would.
 */
const SHELLS = new Set(['cmd', 'powershell', 'pwsh', 'bash', 'sh', 'zsh', 'cscript', 'wscript']);

/**
 * Why a catalogue's malware, tool or group name means something else here, if it does: a
 * security vendor's name ("Rapid7" is on an RMM list; in a report it is the company), or a
 * command interpreter. A name with an ATT&CK id is kept as a vendor's name ("CobaltStrike").
 */
function notAThreat(e: Entry): 'security-vendor' | 'os-shell' | undefined {
  if (SHELLS.has(e.name.toLowerCase())) return 'os-shell';
  const lower = e.surface.toLowerCase();
  if (
    e.props.external_id === undefined &&
    !/\s/.test(lower) &&
    isSecurityVendorName(lower) &&
    !isEnglish(lower) &&
    !isGivenName(lower)
  )
    return 'security-vendor';
  return undefined;
}
/** The catalogue's malware, tool or group of this name, in any case ("certutil", "CERTUTIL"), or written apart. */
function catalogued(name: string, kinds: ReadonlySet<string> = SOFTWARE_OR_GROUP): Entry | undefined {
  const find = (lower: string) =>
    gazetteer.byFirstWord.get(words(lower)[0] ?? '')?.find((e) => e.lower === lower && kinds.has(e.kind));
  const lower = name.toLowerCase();
  // "The Trick" for "TheTrick": a catalogue name the text writes apart.
  return find(lower) ?? (lower.includes(' ') ? find(lower.replace(/ /g, '')) : undefined);
}

/** ATT&CK ids written in the text (T1059, T1585.001) or in an ATT&CK link (techniques/T1027/001). */
const TECHNIQUE_ID = /\b(T1\d{3})(?:[./](\d{3}))?\b/g;

/** Which row of the confidence table a catalogue hit falls under. */
function mentionCue(e: Entry): Cue {
  if (e.kind === 'location')
    return e.props.country !== undefined && e.props.city === undefined && e.props.administrative_area === undefined
      ? 'country'
      : 'place';
  if (e.kind === 'attack-pattern') return 'technique-name';
  if (e.needsCue) return 'gazetteer-needs-cue';
  return e.aliases.length > 0 ? 'gazetteer-with-aliases' : 'gazetteer-name';
}

/**
 * A place named as a court's or a state's jurisdiction ("Northern District of Georgia", "the
 * Georgia indictment", "State of Texas") locates the case, not the adversary.
 */
function isJurisdiction(text: string, start: number, end: number): boolean {
  return (
    /\b(?:District|State|Commonwealth|County|Attorney General|Governor) of (?:the )?$/i.test(
      text.slice(Math.max(0, start - 40), start),
    ) ||
    /^\s+(?:indictment|grand jury|federal court|court|prosecutors?|district court)\b/i.test(text.slice(end, end + 30))
  );
}

/**
 * A country at the head of an institution's or a law's name ("U.S. Department of the Treasury",
 * "U.S. Financial Institutions", "North Korea Sanctions Regulations") names that body, not a
 * place tied to the adversary or its victims.
 */
function headsInstitution(text: string, end: number): boolean {
  return /^\s+(?:Department|Attorney|Government|Treasury|Financial|Office|Court|Embassy|Agency|Bureau|Ministry|Sanctions|Regulations?|Code|Congress|Senate|Marshals?|Secret Service)\b/i.test(
    text.slice(end, end + 30),
  );
}

const US_STATES = new Set(places.usStates);
const STATE_NAME = new RegExp(`\\b(?:${places.usStates.join('|')})\\b`, 'g');
const CITY_STATE = new RegExp(
  String.raw`(?:\bresid(?:e|es|ed|ing) in|\bli(?:ved|ving|ves) in|\bbased in|, (?:\d{1,3}, )?of) ([A-Z][a-z]{2,20}(?:\s{1,8}[A-Z][a-z]{2,20}){0,2}),\s{1,8}(${places.usStates.join('|')})\b`,
  'g',
);

/**
 * A footer or menu that lists U.S. states (field offices, districts): three or more on a line
 * that is mostly their names, not a sentence that names a few.
 */
function listsStates(line: string): boolean {
  let n = 0;
  let chars = 0;
  for (const m of line.matchAll(STATE_NAME)) {
    if (!US_STATES.has(m[0])) continue;
    n++;
    chars += m[0].length;
  }
  return n >= 3 && chars >= line.trim().length * 0.4;
}

/** Words in capitals that are no one's short name. */
const COMMON_CAPS = new Set([
  'THE',
  'AND',
  'FOR',
  'USA',
  'DPRK',
  'FBI',
  'DOJ',
  'ETH',
  'BTC',
  'USDT',
  'USDC',
  'LLC',
  'LTD',
  'INC',
  'COUNT',
  'KOREA',
  'NORTH',
]);

/** Offsets where `needle` occurs as whole words in `haystack` (both lower case). */
function occurrences(haystack: string, needle: string): number[] {
  const out: number[] = [];
  const letter = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length)) {
    if (!letter(haystack[i - 1]) && !letter(haystack[i + needle.length])) out.push(i);
  }
  return out;
}

/**
 * The collector, minus names seen under a references or further-reading heading: a cited
 * report's title ("Contagious Interview, round three") names that report, not an actor,
 * campaign or victim of this one. The same name elsewhere in the text still counts.
 */
function outsideReferences(doc: ParsedDocument, view: TextView, out: Collector): Collector {
  // The anchor text of a link to other reporting or to the publisher's own pages ("Previous
  // posts: [DPRK IT workers in Europe](...)") is such a title too, wherever it sits.
  const cited = doc.links.filter(
    (l) =>
      l.start !== undefined &&
      l.end !== undefined &&
      (l.role !== 'in-body' ||
        (looksLikePublication(l.href) &&
          (REFERENCE_CUE.test(view.lineText(l.start)) || REFERENCE_CUE.test(view.sentenceText(l.start, l.end))))),
  );
  const inReferences = (at: number) =>
    cited.some((l) => (l.start as number) <= at && at < (l.end as number)) ||
    view.section(at).split('\n').some(isReferenceHeading) ||
    isReferenceHeading(view.heading(at));
  return {
    ...out,
    add: (type, value, start, end, options) => (inReferences(start) ? '' : out.add(type, value, start, end, options)),
  };
}

export function extractEntities(doc: ParsedDocument, view: TextView, all: Collector): void {
  const out = outsideReferences(doc, view, all);
  const text = doc.text;
  const sentenceOf = (s: number, e: number) => view.sentenceText(s, e);
  const known = new Set<string>();
  const placeNames = new Set<string>();
  const publisher = doc.meta.site
    ?.replace(/^www\./, '')
    .split('.')[0]
    ?.toLowerCase()
    .replace(/-/g, '');
  const isPublisher = (name: string) =>
    publisher !== undefined && publisher.length >= 4 && name.toLowerCase().replace(/[\s-]/g, '').includes(publisher);

  // "T1566.003 Phishing: Spearphishing via Service": the name beside its id is that technique,
  // not also "Phishing" and "Spearphishing via Service" on their own.
  const idNames = new Map<number, string[]>();
  for (const m of text.matchAll(TECHNIQUE_ID)) {
    const name = techniqueName(m[2] ? `${m[1]}.${m[2]}` : (m[1] as string));
    const line = view.line(m.index).start;
    if (name) idNames.set(line, [...(idNames.get(line) ?? []), name.toLowerCase()]);
  }
  // What the sentences say a name is ("tools such as X", "X, a loader"): that decides the type of
  // a catalogue name too, across the document, and names no catalogue knows come from here.
  const structured = findStructured(text, {
    known: (n) => catalogued(n) !== undefined,
    english: isEnglish,
    brand: isBrandName,
  });
  // Malware or tool is decided once per name. A group word after a catalogued malware or tool
  // ("the TrickBot gang", "BazaLoader threat actors") speaks of the people who run it, not of a
  // group of that name, so it changes no type.
  const saidType = new Map<string, StructureType>();
  for (const h of structured)
    if (h.type !== 'intrusion-set' && !saidType.has(h.name.toLowerCase())) saidType.set(h.name.toLowerCase(), h.type);
  const seenEntries = new Set<object>();
  const products = productListSpans(text);
  for (const m of findMentions(text, gazetteer, sentenceOf)) {
    const e = m.entry;
    if (isPublisher(e.name)) continue;
    if (e.kind === 'intrusion-set' || e.kind === 'malware' || e.kind === 'tool') {
      // A product the sentence lists or sets beside a brand, whatever a catalogue files its name under.
      const product = inSpans(products, m.start, m.end)
        ? 'product-list'
        : e.surface !== e.name && besideBrand(text, m.start, m.end, isBrandName)
          ? 'beside-brand'
          : usedAsTechnique(text, m.start, m.end)
            ? 'technical-term'
            : notAThreat(e);
      if (product) {
        all.drop(e.kind, e.name, m.start, m.end, [product]);
        continue;
      }
    }
    if (
      e.kind === 'attack-pattern' &&
      idNames
        .get(view.line(m.start).start)
        ?.some((n) => n !== e.name.toLowerCase() && n.includes(e.surface.toLowerCase()))
    )
      continue;
    if (
      e.kind === 'location' &&
      (isJurisdiction(text, m.start, m.end) || headsInstitution(text, m.end) || listsStates(view.lineText(m.start)))
    )
      continue;
    // "Contagious Interview campaign" is a campaign even where a catalogue files it as a group.
    const asCampaign =
      e.kind === 'intrusion-set' && /^\s+(?:campaign|operation)\b/i.test(text.slice(m.end, m.end + 12));
    const said =
      e.kind === 'malware' || e.kind === 'tool'
        ? (saidType.get(e.surface.toLowerCase()) ?? saidType.get(e.name.toLowerCase()))
        : undefined;
    const type = asCampaign ? 'campaign' : (said ?? e.kind);
    const aliases = e.surface === e.name ? e.aliases : [e.surface, ...e.aliases];
    out.add(type, e.name, m.start, m.end, {
      aliases: aliases.slice(0, 60),
      props: e.props,
      ...cued(mentionCue(e)),
    });
    known.add(e.name.toLowerCase());
    if (e.kind === 'location' && e.surface.length > 3) placeNames.add(e.surface.toLowerCase());
    if (!seenEntries.has(e)) for (const a of e.aliases) known.add(a.toLowerCase());
    seenEntries.add(e);
  }
  // A link to a group's or a software's ATT&CK page names that entry by its id, whatever the
  // anchor text calls it ("[Elfin Group](https://attack.mitre.org/groups/G0064/)" is APT33).
  for (const l of findAttackLinks(doc, gazetteer)) {
    const e = l.entry;
    out.add(e.kind, e.name, l.start, l.end, {
      aliases: e.aliases.slice(0, 60),
      props: e.props,
      ...cued('attack-link'),
    });
    known.add(e.name.toLowerCase());
    for (const a of e.aliases) known.add(a.toLowerCase());
  }
  for (const m of text.matchAll(TECHNIQUE_ID)) {
    const id = m[2] ? `${m[1]}.${m[2]}` : (m[1] as string);
    const name = techniqueName(id);
    out.add('attack-pattern', name ?? id, m.index, m.index + m[0].length, {
      props: { external_id: id },
      ...cued('technique-id'),
    });
  }
  // "resided in Litchfield Park, Arizona", "NAME, 50, of Leesburg, Virginia": a U.S. city,
  // written as DOJ writes it.
  for (const m of text.matchAll(CITY_STATE)) {
    const city = (m[1] as string).replace(/\s+/g, ' ');
    if (known.has(city.toLowerCase()) || US_STATES.has(city)) continue;
    const at = m.index + m[0].indexOf(m[1] as string);
    out.add('location', city, at, at + (m[1] as string).length, {
      aliases: [`${city}, ${m[2]}`],
      props: { city, country: 'US' },
      ...cued('city-state'),
    });
    placeNames.add(city.toLowerCase());
  }
  for (const h of structured) {
    const lower = h.name.toLowerCase();
    if (isPublisher(h.name)) continue;
    const entry = catalogued(h.name);
    if (entry && h.type === 'intrusion-set' && entry.kind !== 'intrusion-set') continue;
    if (entry && notAThreat(entry)) continue;
    if (entry) {
      // A catalogue name the mention scan passed over (lower case, a common word in a list).
      if (known.has(entry.name.toLowerCase())) continue;
      const aliases = entry.surface === entry.name ? entry.aliases : [entry.surface, ...entry.aliases];
      out.add(h.type, entry.name, h.start, h.end, {
        aliases: aliases.slice(0, 60),
        props: entry.props,
        ...cued('software-structure', h.rule),
      });
      known.add(entry.name.toLowerCase());
      continue;
    }
    if (known.has(lower)) continue;
    out.add(h.type, h.name, h.start, h.end, {
      ...(h.withKind ? { aliases: [h.withKind] } : {}),
      ...cued(h.rule === 'kind-called-name' ? 'malware-named' : 'software-structure', h.rule),
    });
    known.add(lower);
  }
  // "[Quillgate](https://github.com/acme/quillgate)": a program linked to its own repository.
  for (const r of findRepositoryLinks(doc)) {
    if (isPublisher(r.name)) continue;
    // A repository holds a program: a group's alias of the same spelling is not meant.
    const entry = catalogued(r.name, SOFTWARE);
    if (entry && notAThreat(entry)) continue;
    const name = entry?.name ?? r.name;
    if (known.has(name.toLowerCase())) continue;
    const type = entry?.kind ?? 'tool';
    out.add(type, name, r.start, r.end, {
      ...(entry ? { aliases: entry.aliases.slice(0, 60), props: entry.props } : {}),
      ...cued('repository-link'),
    });
    known.add(name.toLowerCase());
  }
  // "TA9001", "UNC9999": a vendor's numbering scheme names a group no catalogue lists yet.
  for (const d of findDesignations(text)) {
    if (known.has(d.name.toLowerCase()) || catalogued(d.name)) continue;
    out.add('intrusion-set', d.name, d.start, d.end, cued('cluster-designation'));
  }
  for (const n of findNamed(text)) {
    if (known.has(n.name.toLowerCase()) || isPublisher(n.name)) continue;
    out.add(n.type, n.name, n.start, n.end, cued(n.cue));
  }
  for (const g of findGroups(text))
    out.add(g.type, g.name, g.start, g.end, {
      aliases: g.aliases,
      ...cued('described-group'),
    });
  const organisations = new Set<string>();
  const orgs = findOrganisations(text, (n) => known.has(n.toLowerCase()));
  // "Harbor Peak Solutions" and "HARBOR PEAK SOLUTIONS CO., LTD.": the short name is an alias
  // of the full one, so both are one organisation under the full name.
  const fullName = new Map<string, string>();
  for (const o of orgs) for (const a of o.aliases) if (a !== o.name) fullName.set(a.toLowerCase(), o.name);
  // "Yanbian Silverstar Network" beside "Yanbian Silverstar Network Technology Co. Ltd.": a name
  // that opens a longer organisation's name is that organisation.
  const orgNames = [...new Set(orgs.map((o) => o.name))];
  for (const short of orgNames)
    for (const long of orgNames)
      if (long.length > short.length && long.startsWith(`${short} `) && !fullName.has(short.toLowerCase()))
        fullName.set(short.toLowerCase(), long);
  for (const o of orgs) {
    if (isPublisher(o.name)) continue;
    const name = fullName.get(o.name.toLowerCase()) ?? o.name;
    organisations.add(o.name.toLowerCase());
    organisations.add(name.toLowerCase());
    out.add('identity', name, o.start, o.end, {
      aliases: name === o.name ? o.aliases : [o.name, ...o.aliases],
      props: { identity_class: 'organization' },
      ...cued(o.cue),
    });
  }
  // "case.victim.name: Bybit": a record's field names the organisation.
  for (const o of findRecordOrganisations(createRecordReader(text).rows())) {
    if (isPublisher(o.name) || known.has(o.name.toLowerCase())) continue;
    const name = fullName.get(o.name.toLowerCase()) ?? o.name;
    organisations.add(name.toLowerCase());
    out.add('identity', name, o.start, o.end, {
      props: { identity_class: 'organization' },
      ...cued('organisation-record'),
    });
  }
  const places = [...placeNames];
  const people = new Set<string>();
  const found = findPeople(text);
  // "Oleksandr Muravskyi (also "Artur Dranhoi")": a name the text gives as someone's alias is
  // that person wherever it appears, not a second person.
  const aliasOf = new Map<string, string>();
  for (const p of found)
    for (const a of p.aliases) if (!aliasOf.has(a.toLowerCase())) aliasOf.set(a.toLowerCase(), p.name);
  for (const p of found) {
    // An organisation the text names ("to join Kestrel Markets, a ... exchange") is no person.
    if (known.has(p.name.toLowerCase()) || organisations.has(p.name.toLowerCase()) || isPublisher(p.name)) continue;
    // "Hong Kong-based", "Star Vladivostok": a place or catalogue name inside is no person.
    const lower = p.name.toLowerCase();
    if (places.some((n) => lower.includes(n))) continue;
    const owner = aliasOf.get(lower);
    const name = owner !== undefined && owner.toLowerCase() !== lower ? owner : p.name;
    const aliases = name === p.name ? p.aliases : [p.name, ...p.aliases];
    out.add('threat-actor', name, p.start, p.end, {
      aliases,
      props: { kind: 'person' },
      ...cued(p.cue),
    });
    people.add(name);
  }
  // A person named once with a cue is the same person wherever the name recurs ("... used by
  // Ri Chol Hun"): later mentions are evidence too, and let relations see them.
  const lowerText = text.toLowerCase();
  for (const name of people)
    for (const at of occurrences(lowerText, name.toLowerCase()))
      out.add('threat-actor', name, at, at + name.length, {
        props: { kind: 'person' },
        ...cued('person-mention'),
      });
  // Charging documents name a defendant in capitals once ("PAE SONG IL") and then by one
  // capitalised name ("PAE used ...", "GREAVES was paid"): that short form is the person too,
  // where it belongs to one person only.
  const shortForms = new Map<string, string>();
  const taken = new Set<string>();
  for (const name of people) {
    if (!text.includes(name.toUpperCase())) continue;
    for (const part of new Set([name.split(' ')[0], name.split(' ').at(-1)])) {
      const short = (part ?? '').toUpperCase();
      if (short.length < 3) continue;
      if (shortForms.has(short) && shortForms.get(short) !== name) taken.add(short);
      else shortForms.set(short, name);
    }
  }
  for (const [short, name] of shortForms) {
    if (taken.has(short) || COMMON_CAPS.has(short)) continue;
    for (const at of occurrences(text, short)) {
      // Part of the full name, or of a longer run of capitals (a caption, a heading).
      if (
        /[A-Z] $/.test(text.slice(Math.max(0, at - 2), at)) ||
        /^ [A-Z]/.test(text.slice(at + short.length, at + short.length + 2))
      )
        continue;
      out.add('threat-actor', name, at, at + short.length, {
        props: { kind: 'person' },
        ...cued('person-mention'),
      });
    }
  }
}
