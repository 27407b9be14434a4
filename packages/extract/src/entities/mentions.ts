// Finds gazetteer names in text: a single pass over word starts, trying the longest name first.
import { CALENDAR, type Entry, type Gazetteer, isEnglish } from '../gazetteer.ts';

export interface Mention {
  entry: Entry;
  start: number;
  end: number;
}

// A word is /[\p{L}\p{N}][\p{L}\p{N}'’&{}.\-/]*/u, scanned by hand: the regex costs a match
// object per word, and a report has a word every six characters.
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const INNER = new Set([...`'’&{}.-/`].map((c) => c.codePointAt(0) as number));
const ASCII_WORD = Uint8Array.from({ length: 128 }, (_, c) => (/[A-Za-z0-9]/.test(String.fromCharCode(c)) ? 1 : 0));
const wordStart = (cp: number) => (cp < 128 ? ASCII_WORD[cp] === 1 : LETTER_OR_DIGIT.test(String.fromCodePoint(cp)));
const wordChar = (cp: number) => wordStart(cp) || INNER.has(cp);
const SLASH = 0x2f;
const DOT = 0x2e;

/** Offsets [start, end) of every word. */
function wordSpans(text: string, onWord: (start: number, end: number) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const cp = text.codePointAt(i) as number;
    if (!wordStart(cp)) {
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    const start = i;
    i += cp > 0xffff ? 2 : 1;
    let plain = true;
    while (i < n) {
      const c = text.codePointAt(i) as number;
      if (!wordChar(c)) break;
      // "Winnti/PlugX", "Win32/NukeSped": a slash before a capital joins two names, where what
      // stands before it is no host, path or URL (no dot, colon or slash in it).
      if (c === SLASH && plain && /\p{Lu}/u.test(text[i + 1] ?? '')) break;
      if (c === DOT || c === SLASH) plain = false;
      i += c > 0xffff ? 2 : 1;
    }
    onWord(start, i);
  }
}
const CUE =
  /\b(?:malware|backdoor|loader|RAT|trojan|implant|stealer|ransomware|dropper|downloader|payload|tool(?:kit)?|family|variant|beacon|remote access|wiper|botnet|frameworks?|group|actor|APT|threat|hackers?|cluster|operators?|tracked|attributed|campaign|state|city|province|based)\b/i;

/** A compound that makes a name attributive: "Pyongyang-based", "state-sponsored". */
const ATTRIBUTIVE =
  /(?<=\p{L})-(?:based|born|linked|backed|sponsored|affiliated|headquartered|registered|owned|controlled|operated|run|made|origin|nexus)$/iu;
const TRAILING = new Set(['.', "'", '’', '-', '/']);

/** Words before a place that say it is one: "born in", "POB", "resides in", "city of", an address label. */
const PLACE_BEFORE =
  /(?:\b(?:born|resid(?:e|es|ed|ing|ent)|li(?:ve|ves|ved|ving)|based|located|headquartered|registered|incorporated|moved|relocated|travel(?:s|ed|led|ing|ling)?|offices?|stationed|arrested) (?:in|at|to|near)|\b(?:city|town|port|province|capital|municipality) of|\bPOB:?|\b(?:place of birth|birthplace|hometown|address|residence|location|city)\s*:)(?: the)?\s*$/i;

/**
 * Whether the text says a place that needs a cue ("Split", "Mobile") is one here: a cue word just
 * before it on its line, "-based" after it, or a place of the same country beside it, after a
 * comma ("Mobile, Alabama", "Sinuiju, North Pyongan Province").
 */
function placeCued(text: string, s: number, e: number, entry: Entry, gazetteer: Gazetteer, prev?: Mention): boolean {
  const country = entry.props.country;
  // "Victoria, Seychelles": the place after the comma says which Victoria.
  const after = placeAfter(text, e, gazetteer);
  if (after?.props.country !== undefined && after.props.city === undefined) return after.props.country === country;
  const lineStart = text.lastIndexOf('\n', s - 1) + 1;
  if (PLACE_BEFORE.test(text.slice(Math.max(lineStart, s - 50), s))) return true;
  if (/^-(?:based|born|headquartered)\b/i.test(text.slice(e, e + 16))) return true;
  if (country === undefined) return false;
  return (
    (prev?.entry.kind === 'location' &&
      prev.entry.props.country === country &&
      /^,\s{1,3}$/.test(text.slice(prev.end, s))) ||
    after?.props.country === country
  );
}

/** The place (one that needs no cue) right after a comma that follows offset e ("Mobile, Alabama"). */
function placeAfter(text: string, e: number, gazetteer: Gazetteer): Entry | undefined {
  const comma = /^,\s{1,3}/.exec(text.slice(e, e + 4));
  return comma ? placeAt(text, e + comma[0].length, gazetteer, false) : undefined;
}

/** The place named at offset `at`, if any (one that needs no cue, unless `anyCue`). */
function placeAt(text: string, at: number, gazetteer: Gazetteer, anyCue: boolean): Entry | undefined {
  const word = /^[\p{L}\p{N}][\p{L}\p{N}'’.-]*/u.exec(text.slice(at, at + 40))?.[0].replace(/\.$/, '');
  if (!word) return undefined;
  return (gazetteer.byFirstWord.get(word.toLowerCase()) ?? []).find((o) => {
    if (o.kind !== 'location' || (o.needsCue && !anyCue)) return false;
    const got = text.slice(at, at + o.surface.length);
    const next = text[at + o.surface.length];
    return (o.exactCase ? got === o.surface : got.toLowerCase() === o.lower) && !(next && /[\p{L}\p{N}]/u.test(next));
  });
}

/** Words after a place's name that make it the place's own: "Sinuiju City", "Jilin Province". */
const PLACE_TYPE =
  /^(?:City|Province|State|Region|Oblast|Krai|Prefecture|Governorate|District|County|Municipality|Area)$/;

/**
 * "Zhongshan Road", "Victoria Smith", "Washington Post", "Greg Takeo": a city's or a region's
 * one-word name right after or before another capitalised word (no place, no type word, no
 * English word such as "The" or "Southern") is part of a longer name.
 */
function partOfName(text: string, s: number, e: number, gazetteer: Gazetteer): boolean {
  const next = /^ ([A-Z][a-z]+)\b/.exec(text.slice(e, e + 30))?.[1];
  if (next !== undefined && !PLACE_TYPE.test(next) && placeAt(text, e + 1, gazetteer, true) === undefined) return true;
  const prev = /(?:^|[^\p{L}\p{N}.])([A-Z][a-z]+) $/u.exec(text.slice(Math.max(0, s - 30), s))?.[1];
  return (
    prev !== undefined &&
    !isEnglish(prev.toLowerCase()) &&
    !CALENDAR.test(prev) &&
    placeAt(text, s - 1 - prev.length, gazetteer, true) === undefined
  );
}

const TITLE_WORD = /^[A-Z][a-z]+$/;

/** Whether word i has a title-case word right before or after it (one space apart). */
function besideTitleWord(text: string, starts: readonly number[], ends: readonly number[], i: number): boolean {
  const word = (k: number) => text.slice(starts[k], ends[k]);
  const next = i + 1 < starts.length && starts[i + 1] === (ends[i] as number) + 1 && text[ends[i] as number] === ' ';
  const prev = i > 0 && (ends[i - 1] as number) + 1 === starts[i] && text[(starts[i] as number) - 1] === ' ';
  return (next && TITLE_WORD.test(word(i + 1))) || (prev && TITLE_WORD.test(word(i - 1)));
}

/** Words of running a program: "ran netstat", "used certutil to download", "via curl". */
const COMMAND_CUE =
  /\b(?:commands?|command[- ]line|utility|utilities|binary|binaries|execut(?:e|es|ed|ing)|ran|runs?|running|us(?:e|es|ed|ing)|via|invok(?:e|es|ed|ing)|spawn(?:s|ed|ing)?|launch(?:es|ed|ing)?|call(?:s|ed|ing)?)\b/i;

/**
 * A lower-case catalogue tool ("netstat", "certutil") is the tool where the sentence runs it or
 * a command-line flag follows it ("netstat -ano", "certutil /urlcache").
 */
function commandCued(text: string, end: number, sentence: string): boolean {
  return /^ [-/][A-Za-z]/.test(text.slice(end, end + 3)) || COMMAND_CUE.test(sentence);
}

/** The kind words that make the word beside them a name: "the Empire framework", "ransomware Dharma". */
const KIND_WORD =
  /^(?:malware|backdoors?|loaders?|RATs?|trojans?|implants?|stealers?|infostealers?|ransomware|droppers?|downloaders?|payloads?|tools?|toolkits?|utility|utilities|framework|family|variants?|botnets?|wipers?|rootkits?|keyloggers?|miners?|spyware|exploit|kit|group|actors?|gang|APT|crew|operators?|affiliates?|campaigns?)$/i;

/** The word after [from, ...) and the word before [..., to), skipping spaces only. */
function wordAfter(text: string, from: number): string {
  return /^[ \t]{1,3}([\p{L}\p{N}-]{1,30})/u.exec(text.slice(from, from + 40))?.[1] ?? '';
}
function wordBefore(text: string, to: number): string {
  return /([\p{L}\p{N}-]{1,30})[ \t]{1,3}$/u.exec(text.slice(Math.max(0, to - 40), to))?.[1] ?? '';
}

/**
 * A catalogue name that is also an English word counts where the text makes it a name: a kind
 * word beside it ("the Empire framework", "the ransomware Dharma"), capitals where the catalogue
 * has them (SUNBURST), or a capitalised word inside a sentence (not its first word) that speaks
 * of threats, and never a month or a weekday by capitals alone.
 */
function commonNameTaken(text: string, s: number, e: number, entry: Entry, sentence: string): boolean {
  if (KIND_WORD.test(wordAfter(text, e))) return true;
  const before = wordBefore(text, s);
  if (KIND_WORD.test(before)) return true;
  if (/^[A-Z0-9]{4,}$/.test(entry.surface)) return true;
  if (CALENDAR.test(entry.surface)) return false;
  const written = text.slice(s, e);
  if (!/^\p{Lu}/u.test(written)) return false;
  return !sentence.trimStart().startsWith(written) && CUE.test(sentence);
}

const TECHNIQUE_CUE = /\bT1\d{3}\b|\btechniques?\b|ATT&CK|\bMITRE\b|\btactics?\b/i;

function lineAt(text: string, i: number): string {
  const s = text.lastIndexOf('\n', i) + 1;
  const e = text.indexOf('\n', i);
  return text.slice(s, e < 0 ? text.length : e);
}

interface SurfaceIndex {
  /** The word counts of the names, most words first. */
  counts: readonly number[];
  /** The names by their lower-case surface. */
  bySurface: ReadonlyMap<string, readonly Entry[]>;
  /** Each name's place in the catalogue order (longest first). */
  rank: ReadonlyMap<Entry, number>;
  /** The second words of the longer names, in lower case: most "the ..." in a text are none of them. */
  second: ReadonlySet<string>;
}
const surfaceIndexes = new WeakMap<readonly Entry[], SurfaceIndex>();

/** The names under one first word, indexed by surface; built once per list, on first use. */
function surfaceIndex(candidates: readonly Entry[]): SurfaceIndex {
  let index = surfaceIndexes.get(candidates);
  if (!index) {
    const bySurface = new Map<string, Entry[]>();
    const rank = new Map<Entry, number>();
    candidates.forEach((entry, k) => {
      rank.set(entry, k);
      const list = bySurface.get(entry.lower) ?? [];
      list.push(entry);
      bySurface.set(entry.lower, list);
    });
    const counts = [...new Set(candidates.map((c) => c.wordCount))].sort((a, b) => b - a);
    const second = new Set(candidates.flatMap((c) => (c.wordCount > 1 ? [c.lower.split(/\s+/)[1] as string] : [])));
    index = { counts, bySurface, rank, second };
    surfaceIndexes.set(candidates, index);
  }
  return index;
}

export function findMentions(
  text: string,
  gazetteer: Gazetteer,
  sentenceOf: (start: number, end: number) => string,
): Mention[] {
  // Word start/end offsets, punctuation trimmed off the end of each word.
  const starts: number[] = [];
  const ends: number[] = [];
  wordSpans(text, (from, to) => {
    let end = to;
    while (end > from && TRAILING.has(text[end - 1] as string)) end--;
    if (end === from) return;
    // "Pyongyang-based", "Hong Kong-based": the place is a word of its own.
    const suffix = end - from > 6 ? ATTRIBUTIVE.exec(text.slice(from, end)) : null;
    if (suffix) {
      starts.push(from, end - suffix[0].length + 1);
      ends.push(end - suffix[0].length, end);
      return;
    }
    starts.push(from);
    ends.push(end);
  });
  const out: Mention[] = [];
  // One lower-casing of the whole text instead of one per word, where it keeps every offset
  // (a few letters, such as "İ", grow when lower-cased).
  const lowered = text.toLowerCase();
  const lowerAt =
    lowered.length === text.length
      ? (a: number, b: number) => lowered.slice(a, b)
      : (a: number, b: number) => text.slice(a, b).toLowerCase();
  let i = 0;
  while (i < starts.length) {
    const s = starts[i] as number;
    // ".Net", ".NET framework": a dot that opens the word makes it an extension or a platform.
    if (text[s - 1] === '.' && (s < 2 || !/[\p{L}\p{N}]/u.test(text[s - 2] as string))) {
      i++;
      continue;
    }
    const first = lowerAt(s, ends[i] as number);
    const candidates =
      gazetteer.byFirstWord.get(first) ??
      // "U.S. companies": the word splitter trimmed the dot that ends the catalogue's "U.S.".
      (text[ends[i] as number] === '.' ? gazetteer.byFirstWord.get(`${first}.`) : undefined) ??
      (/['’]s$/.test(first) ? gazetteer.byFirstWord.get(first.replace(/['’]s$/, '')) : undefined);
    let best: Mention | undefined;
    let bestWords = 0;
    if (candidates) {
      // Many names share a first word ("North ...", "San ..."): the text of the next n words is
      // cut once for each word count the names have, and only names spelled that way are tried,
      // in catalogue order.
      const index = surfaceIndex(candidates);
      const tried: Entry[] = [];
      const nextWord = i + 1 < starts.length ? lowerAt(starts[i + 1] as number, ends[i + 1] as number) : '';
      for (const n of index.counts) {
        if (i + n > starts.length) continue;
        if (n > 1 && !index.second.has(nextWord)) continue;
        const e = ends[i + n - 1] as number;
        const lower = text.slice(s, e).replace(/\s+/g, ' ').toLowerCase();
        for (const entry of index.bySurface.get(lower) ?? []) if (!entry.surface.endsWith('.')) tried.push(entry);
        // "U.S." lost its final dot to the word splitter.
        if (text[e] === '.')
          for (const entry of index.bySurface.get(`${lower}.`) ?? [])
            if (entry.surface.endsWith('.')) tried.push(entry);
      }
      if (tried.length > 1) tried.sort((a, b) => (index.rank.get(a) as number) - (index.rank.get(b) as number));
      const spans = new Map<number, { got: string; lower: string }>();
      for (const entry of tried) {
        const n = entry.wordCount;
        let e = ends[i + n - 1] as number;
        if (entry.surface.endsWith('.') && text[e] === '.') e++;
        let span = spans.get(e);
        if (span === undefined) {
          const cut = text.slice(s, e).replace(/\s+/g, ' ');
          span = { got: cut, lower: cut.toLowerCase() };
          spans.set(e, span);
        }
        const got = span.got;
        const technique = entry.kind === 'attack-pattern';
        const same =
          entry.exactCase && !technique
            ? got === entry.surface || (entry.caseless && /^\p{Lu}/u.test(got) && span.lower === entry.lower)
            : span.lower === entry.lower;
        // Multi-word names must still look like names in the text (not "binary padding" in prose,
        // unless the catalogue name is itself lower case after its first word): a name the
        // catalogue capitalises is no name written all in lower case ("a monero miner binary").
        if (!same) continue;
        if (!technique && entry.kind !== 'location' && n > 1 && /\p{Lu}/u.test(entry.surface) && !/\p{Lu}/u.test(got))
          continue;
        const next = text[e];
        if (next !== undefined && /[\p{L}\p{N}_]/u.test(next)) continue;
        if (
          entry.needsCue &&
          !(entry.kind === 'location'
            ? placeCued(text, s, e, entry, gazetteer, out.at(-1))
            : CUE.test(sentenceOf(s, e)) || (entry.kind === 'tool' && commandCued(text, e, sentenceOf(s, e))))
        )
          continue;
        if (entry.common && !commonNameTaken(text, s, e, entry, sentenceOf(s, e))) continue;
        if (
          n === 1 &&
          entry.kind === 'location' &&
          (entry.props.city ?? entry.props.administrative_area) !== undefined &&
          partOfName(text, s, e, gazetteer)
        )
          continue;
        // "James Dermount", "Azer Karyagdy": a one-word catalogue name that reads like a given
        // name, beside another such word, is part of a person's or a firm's name.
        if (
          n === 1 &&
          entry.kind !== 'location' &&
          TITLE_WORD.test(entry.surface) &&
          besideTitleWord(text, starts, ends, i)
        )
          continue;
        // Technique names are everyday phrases ("social engineering", "junk data"): only where the
        // line carries an ATT&CK id or the sentence talks about techniques.
        if (technique && !TECHNIQUE_CUE.test(lineAt(text, s)) && !TECHNIQUE_CUE.test(sentenceOf(s, e))) continue;
        // "US" in "CONTACT US": a two-letter code counts only in mixed-case text.
        if (entry.surface.length === 2 && !/[a-z]/.test(text.slice(Math.max(0, s - 25), e + 25))) continue;
        // "Accept-Language: en-US", "en_GB": a locale's region code is no place of the report.
        if (entry.surface.length === 2 && /\b[a-z]{2}[-_]$/.test(text.slice(Math.max(0, s - 3), s))) continue;
        best = { entry, start: s, end: e };
        bestWords = n;
        break;
      }
    }
    if (best) {
      out.push(best);
      i += bestWords;
    } else i++;
  }
  return out;
}
