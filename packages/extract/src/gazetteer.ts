// The name index: every gazetteer name (actors, software, techniques, campaigns, places) by its
// first word, so a single pass over the text's words finds every mention.
import actors from '../data/actors.json' with { type: 'json' };
import countries from '../data/countries.json' with { type: 'json' };
import curated from '../data/curated.json' with { type: 'json' };
import english from '../data/english.json' with { type: 'json' };
import geo from '../data/geo.json' with { type: 'json' };
import givenNames from '../data/given-names.json' with { type: 'json' };
import places from '../data/places.json' with { type: 'json' };
import software from '../data/software.json' with { type: 'json' };
import stopNames from '../data/stop-names.json' with { type: 'json' };
import techniques from '../data/techniques.json' with { type: 'json' };

export type EntryKind = 'intrusion-set' | 'malware' | 'tool' | 'attack-pattern' | 'campaign' | 'location';

export interface Entry {
  kind: EntryKind;
  /** The surface form that is matched. */
  surface: string;
  /** The finding's value. */
  name: string;
  aliases: readonly string[];
  props: Readonly<Record<string, string>>;
  /** Matched with exact case (single words, acronyms). */
  exactCase: boolean;
  /** Needs a cue word in the sentence (a name that is also a common word). */
  needsCue: boolean;
  /**
   * An English word ("Empire", "Dharma", "August"): taken only with a kind word beside it ("the
   * Empire framework"), or written as a name mid-sentence in a sentence about threats.
   */
  common: boolean;
  /**
   * A one-word name distinctive enough to match in any capitalised spelling ("Trickbot" for
   * "TrickBot", "NJRAT" for "njRAT"): no English word, and not a short acronym.
   */
  caseless: boolean;
  /** How many words the surface has. */
  wordCount: number;
  /** The surface in lower case. */
  lower: string;
}

export interface Gazetteer {
  /** Entries by the lower-cased first word of their surface, longest surface first. */
  byFirstWord: ReadonlyMap<string, readonly Entry[]>;
  /** Groups and software by ATT&CK id ("G0064", "S0154"), under the name the catalogue reports. */
  byAttackId: ReadonlyMap<string, Entry>;
  maxWords: number;
}

const STOP = new Set(stopNames.names.map((n) => n.toLowerCase()));
const ENGLISH = new Set<string>(english);
/** An everyday English word (lower case in): no name by its capital alone. */
export const isEnglish = (word: string) => ENGLISH.has(word);
/** Months and weekdays are written capitalised everywhere: never a name by their case alone. */
export const CALENDAR =
  /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/;

export const words = (s: string) => s.split(/[\s]+/).filter(Boolean);

const GIVEN = new Set<string>(givenNames);
/** An English given name (lower case in): "Kevin", "Marcella". */
export const isGivenName = (word: string) => GIVEN.has(word);
/** Every place's one-word name, lower case: "Milan" malware is a city first. */
const PLACE_WORDS = new Set<string>(
  [...geo.cities, ...geo.admin].map((p) => p.name.toLowerCase()).filter((n) => !/\s/.test(n)),
);

/**
 * A one-word catalogue name that needs a cue in its sentence: lower case ("at", "net"), or
 * capitalised and also a given name or a place ("Kevin", "Milan"), which a report writes as
 * often for a person or a city. Any other capitalised word that no dictionary knows ("Emotet",
 * "Ryuk") is a name wherever it stands.
 */
function isRiskySingleWord(surface: string): boolean {
  if (/\s/.test(surface)) return false;
  if (/[0-9]/.test(surface) || /[a-z][A-Z]/.test(surface) || /^[A-Z]{2,}[a-z]/.test(surface)) return false;
  if (/^[A-Z][a-z]+$/.test(surface)) return GIVEN.has(surface.toLowerCase()) || PLACE_WORDS.has(surface.toLowerCase());
  return /^[a-z]+$/.test(surface);
}

const TECHNIQUE_NAMES = new Map(techniques.map((t) => [t.id, t.name]));

/** The ATT&CK name of a technique id ("T1056.001" -> "Input Capture: Keylogging"). */
export function techniqueName(id: string): string | undefined {
  return TECHNIQUE_NAMES.get(id);
}

export function createGazetteer(): Gazetteer {
  const byFirstWord = new Map<string, Entry[]>();
  const byAttackId = new Map<string, Entry>();
  let maxWords = 1;
  const add = (
    kind: EntryKind,
    surface: string,
    name: string,
    aliases: readonly string[],
    props: Record<string, string> = {},
    needsCue = false,
  ): Entry | undefined => {
    const s = surface.trim();
    // Two-letter forms only for places ("US", "UK"), matched with exact case.
    if (s.length < (kind === 'location' ? 2 : 3) || STOP.has(s.toLowerCase())) return undefined;
    // All-caps words of five letters or fewer are acronyms: too many collide ("ACE", "RAT").
    if (/^[A-Z]{1,4}$/.test(s) && kind !== 'location') return undefined;
    const w = words(s);
    maxWords = Math.max(maxWords, w.length);
    // "Korea, North": the text's word is "Korea", without the comma.
    const key = (w[0] as string).toLowerCase().replace(/,$/, '');
    // "RedLine", "BlackEnergy": inner capitals are no way to write an English word.
    const common =
      kind !== 'location' &&
      w.length === 1 &&
      !/\p{Ll}\p{Lu}/u.test(s) &&
      (ENGLISH.has(s.toLowerCase()) || CALENDAR.test(s));
    const entry: Entry = {
      kind,
      surface: s,
      name,
      aliases,
      props,
      exactCase: w.length === 1 || /^[A-Z0-9-]+$/.test(s),
      needsCue: needsCue || (kind !== 'location' && !common && isRiskySingleWord(s)),
      common,
      caseless:
        kind !== 'location' &&
        kind !== 'attack-pattern' &&
        w.length === 1 &&
        !common &&
        // "jason" is no name to find in "Jason Passwaters": a given name keeps its catalogue case.
        !GIVEN.has(s.toLowerCase()) &&
        // "Qbot" for "QBot": four letters are enough where the catalogue writes capitals inside.
        (s.length >= 5 || (s.length === 4 && /^\p{Lu}+\p{Ll}+\p{Lu}|^\p{Lu}{2}\p{Ll}/u.test(s))) &&
        /[A-Za-z]/.test(s) &&
        !/^[A-Z]{1,6}$/.test(s),
      wordCount: s.split(/\s+/).length,
      lower: s.toLowerCase(),
    };
    const list = byFirstWord.get(key) ?? [];
    list.push(entry);
    byFirstWord.set(key, list);
    return entry;
  };

  for (const c of curated.campaigns) add('campaign', c, c, []);
  for (const t of curated.tools) add('tool', t, t, []);
  for (const cluster of actors) {
    // Names of members that are ATT&CK groups of their own: another member's alias list may
    // hold them ("APT38" under Lazarus Group), but they name that group, not the cluster.
    const groupNames = new Set(
      cluster.members
        .filter((m) => 'ids' in m && Array.isArray(m.ids) && m.ids.length > 0)
        .map((m) => m.name.toLowerCase()),
    );
    // Members that hold the same ATT&CK group id are one group (a vendor's record that lists the
    // id, and ATT&CK's own), named as ATT&CK names it: build-gazetteer lists ATT&CK's records last,
    // so the last member holding an id is ATT&CK's. A cluster of one ATT&CK group goes by that
    // name too, whichever vendor's name a report uses (APT10 and menuPass are one object).
    const idsOf = (m: (typeof cluster.members)[number]) =>
      'ids' in m && Array.isArray(m.ids) ? (m.ids as string[]) : [];
    const attackName = new Map<string, string>();
    for (const m of cluster.members) for (const id of idsOf(m)) attackName.set(id, m.name);
    const clusterName = attackName.size === 1 ? ([...attackName.values()][0] as string) : cluster.name;
    const allNames = [...new Set([cluster.name, ...cluster.aliases, ...cluster.members.map((m) => m.name)])];
    const namesBut = (name: string) => allNames.filter((a) => a !== name);
    for (const m of cluster.members) {
      const props: Record<string, string> = {};
      if ('country' in cluster && typeof cluster.country === 'string') props.country = cluster.country;
      // A member that is an ATT&CK group of its own is reported as that group; any other name (a
      // vendor's label for the same cluster) names the cluster, so one actor has one name, and
      // one STIX id, whichever vendor's name a report uses. Every entry carries the whole
      // cluster's names: "Jasper Sleet" resolves to the cluster that also holds "Famous Chollima".
      const id = idsOf(m)[0];
      const reported = id === undefined ? clusterName : (attackName.get(id) ?? m.name);
      const entry = add('intrusion-set', m.name, reported, namesBut(reported), props);
      if (entry && m.name === reported) for (const i of idsOf(m)) byAttackId.set(i, entry);
      for (const surface of m.aliases) {
        if (!groupNames.has(surface.toLowerCase()))
          add('intrusion-set', surface, clusterName, namesBut(clusterName), props);
      }
    }
  }
  for (const s of software) {
    const props: Record<string, string> = 'id' in s && typeof s.id === 'string' ? { external_id: s.id } : {};
    for (const surface of [s.name, ...s.aliases]) {
      const entry = add(s.type === 'tool' ? 'tool' : 'malware', surface, s.name, s.aliases, props);
      if (entry && surface === s.name && props.external_id && !byAttackId.has(props.external_id))
        byAttackId.set(props.external_id, entry);
    }
  }
  for (const t of techniques) {
    add('attack-pattern', t.name, t.name, 'short' in t && t.short ? [t.short] : [], { external_id: t.id });
    // A sub-technique's own name alone ("Keylogging") is matched only when it is unambiguous
    // and more than one word.
    if (
      'short' in t &&
      typeof t.short === 'string' &&
      words(t.short).length > 1 &&
      techniques.filter((o) => 'short' in o && o.short === t.short).length === 1
    ) {
      add('attack-pattern', t.short, t.name, [t.short], { external_id: t.id });
    }
  }
  const overrides = places.countries as Record<string, { name: string; aliases: string[] }>;
  const officialForms = geo.countries as Record<string, string[]>;
  for (const c of countries) {
    const o = overrides[c.code];
    const name = o?.name ?? c.name;
    const aliases = o?.aliases ?? [];
    // The official and inverted forms ("Korea, Democratic People's Republic of") are matched too.
    for (const surface of new Set([name, c.name, ...aliases, ...(officialForms[c.code] ?? [])]))
      add(
        'location',
        surface,
        name,
        aliases.filter((a) => !/(?:an|ese|ish|i|ch)$/.test(a) || a.includes(' ')),
        { country: c.code },
      );
  }
  // World regions, with their STIX region-ov value ("Middle East": western-asia).
  for (const r of geo.regions as Array<{ name: string; region: string; aliases?: string[] }>)
    for (const surface of [r.name, ...(r.aliases ?? [])])
      add('location', surface, r.name, r.aliases ?? [], { region: r.region });
  // Cities and admin-1 regions (data/geo.json, from GeoNames): `bare` surfaces match anywhere
  // (the name alone where left out), `cue` ones only where the text says they are places, and a
  // region's `typed` forms with a type word after them ("Jilin Province", "Kyiv Oblast").
  // The hand list (data/places.json) adds spellings GeoNames lacks ("Kiev", "Atlanta, GA") and
  // places below its cut (districts).
  type GeoPlace = { name: string; country: string; bare?: string[]; cue?: string[]; typed?: string[] };
  const hand = new Map<string, { name: string; country: string; aliases?: string[] }>();
  for (const p of places.places as Array<{ name: string; country: string; aliases?: string[] }>)
    hand.set(`${p.country}|${p.name}`, p);
  const addPlace = (p: GeoPlace, props: Record<string, string>) => {
    const cued = new Set(p.cue ?? []);
    for (const s of p.bare ?? (cued.has(p.name) ? [] : [p.name])) add('location', s, p.name, [], props);
    for (const s of cued) add('location', s, p.name, [], props, true);
    for (const t of p.typed ?? [])
      for (const type of geo.adminTypes) add('location', `${t} ${type}`, p.name, [], props);
    const h = hand.get(`${p.country}|${p.name}`);
    if (!h) return;
    hand.delete(`${p.country}|${p.name}`);
    // A qualified spelling ("Atlanta, Georgia") is a place wherever it stands; another takes the name's cue.
    for (const a of h.aliases ?? []) add('location', a, p.name, [], props, !a.includes(',') && cued.has(p.name));
  };
  for (const c of geo.cities as GeoPlace[]) addPlace(c, { city: c.name, country: c.country });
  for (const a of geo.admin as GeoPlace[]) addPlace(a, { administrative_area: a.name, country: a.country });
  for (const p of hand.values())
    for (const surface of [p.name, ...(p.aliases ?? [])])
      add('location', surface, p.name, p.aliases ?? [], { city: p.name, country: p.country });
  // Longest first (a stable sort keeps catalogue order among equals): the first surface that
  // matches at a word is the longest one.
  for (const list of byFirstWord.values()) list.sort((a, b) => b.wordCount - a.wordCount);
  return { byFirstWord, byAttackId, maxWords: Math.min(maxWords, 8) };
}
