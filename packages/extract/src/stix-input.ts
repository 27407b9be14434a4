// A STIX 2.1 bundle handed in as the document: its objects are already intelligence, so they are
// taken as they are (SCOs by their value, indicators by the comparisons of their patterns, named
// SDOs by name and aliases, relationships between them), not read as prose. The parser flattens
// JSON to `objects[3].name: X` lines; this reads those lines back into objects.
import type { FindingType, RelationType } from '@stixmill/contracts';
import type { Collector } from './collector.ts';

interface StixLine {
  value: string;
  /** Offset of the value in the text. */
  start: number;
}
type StixObject = Map<string, StixLine>;

const OBJECT_LINE = /^objects\[(\d{1,6})\]\.([\w.[\]"-]{1,200}): (.*)$/gm;

/** The bundle's objects by index, or undefined when the text is no flattened STIX bundle. */
export function stixObjects(text: string): StixObject[] | undefined {
  if (!/^type: bundle$/m.test(text.slice(0, 2000)) || !/^objects\[0\]\.type: /m.test(text)) return undefined;
  const objects: StixObject[] = [];
  for (const m of text.matchAll(OBJECT_LINE)) {
    const index = Number(m[1]);
    const object = objects[index] ?? new Map<string, StixLine>();
    objects[index] = object;
    const value = m[3] as string;
    object.set(m[2] as string, { value, start: m.index + m[0].length - value.length });
  }
  return objects.filter((o) => o !== undefined);
}

const SCO_VALUE: Readonly<Record<string, FindingType>> = {
  'domain-name': 'domain-name',
  'ipv4-addr': 'ipv4-addr',
  'ipv6-addr': 'ipv6-addr',
  url: 'url',
  'email-addr': 'email-addr',
  'cryptocurrency-wallet': 'cryptocurrency-wallet',
  'phone-number': 'phone-number',
  'mac-addr': 'mac-addr',
};
const NAMED: Readonly<Record<string, FindingType>> = {
  'intrusion-set': 'intrusion-set',
  'threat-actor': 'threat-actor',
  malware: 'malware',
  tool: 'tool',
  campaign: 'campaign',
  'attack-pattern': 'attack-pattern',
  identity: 'identity',
  location: 'location',
  infrastructure: 'infrastructure',
  vulnerability: 'vulnerability',
};
const RELATIONS: ReadonlySet<string> = new Set<RelationType>([
  'uses',
  'targets',
  'attributed-to',
  'located-at',
  'related-to',
  'indicates',
]);
const HASHES = ['MD5', 'SHA-1', 'SHA-256', 'SHA-512'] as const;
/** `[domain-name:value = 'x']`, `[file:hashes.'SHA-256' = '...']`: one comparison of a pattern. */
const COMPARISON = /\[?\s*([a-z0-9-]{2,40}):([\w.'-]{1,60})\s*=\s*'((?:[^'\\]|\\.){1,2048})'/g;

function add(out: Collector, type: FindingType, value: string, at: number, props: Record<string, string> = {}) {
  return out.add(type, value, at, at + value.length, {
    props,
    confidence: 85,
    reasons: ['found:stix-bundle'],
  });
}

/** Adds every object of the bundle; returns false when the text is no STIX bundle. */
export function addStixBundle(text: string, out: Collector): boolean {
  const objects = stixObjects(text);
  if (!objects) return false;
  const ids = new Map<string, string>();
  const observable = (
    type: string,
    prop: string,
    value: string,
    at: number,
    extra: Record<string, string> = {},
  ): string | undefined => {
    if (SCO_VALUE[type] && prop === 'value') return add(out, SCO_VALUE[type], value, at, extra);
    const hash = /^hashes\.'?([\w-]+)'?$/.exec(prop)?.[1]?.toUpperCase();
    if (type === 'file' && hash && (HASHES as readonly string[]).includes(hash))
      return add(out, 'file', value.toLowerCase(), at, { algorithm: hash });
    if (type === 'user-account' && (prop === 'account_login' || prop === 'user_id'))
      return add(out, 'user-account', value, at);
    if (type === 'autonomous-system' && prop === 'number') return add(out, 'autonomous-system', value, at);
    return undefined;
  };
  for (const o of objects) {
    const type = o.get('type')?.value ?? '';
    const id = o.get('id')?.value;
    let found: string | undefined;
    if (type === 'indicator') {
      const pattern = o.get('pattern');
      if (pattern)
        for (const m of pattern.value.matchAll(COMPARISON)) {
          const value = (m[3] as string).replace(/\\(.)/g, '$1');
          found = observable(m[1] as string, m[2] as string, value, pattern.start) ?? found;
        }
    } else if (NAMED[type]) {
      const name = o.get('name');
      // The producer's own identity (a system) is who wrote the bundle, not what it is about.
      if (name && !(type === 'identity' && o.get('identity_class')?.value === 'system')) {
        const aliases = [...o.entries()]
          .filter(([k]) => /^(?:aliases|x_mitre_aliases)\[\d+\]$/.test(k))
          .map(([, v]) => v.value);
        const externalId = [...o.entries()].find(([k]) => /^external_references\[\d+\]\.external_id$/.test(k))?.[1]
          .value;
        const props: Record<string, string> = {};
        if (type === 'attack-pattern' && externalId && /^T\d{4}/.test(externalId)) props.external_id = externalId;
        if (type === 'vulnerability') props.external_id = name.value;
        if (type === 'location')
          for (const key of ['country', 'city', 'administrative_area', 'region'])
            if (o.get(key))
              props[key] =
                key === 'country' ? (o.get(key) as StixLine).value.toUpperCase() : (o.get(key) as StixLine).value;
        if (type === 'threat-actor' && o.get('resource_level')?.value === 'individual') props.kind = 'person';
        found = out.add(NAMED[type], name.value, name.start, name.start + name.value.length, {
          aliases: aliases.filter((a) => a !== name.value),
          props,
          confidence: 85,
          reasons: ['found:stix-bundle'],
        });
      }
    } else {
      const chain = o.get('chain')?.value;
      for (const [prop, line] of o)
        found = observable(type, prop, line.value, line.start, chain ? { chain } : {}) ?? found;
    }
    if (id && found) ids.set(id, found);
  }
  for (const o of objects) {
    if (o.get('type')?.value !== 'relationship') continue;
    const kind = o.get('relationship_type');
    const source = ids.get(o.get('source_ref')?.value ?? '');
    const target = ids.get(o.get('target_ref')?.value ?? '');
    if (kind && source && target && RELATIONS.has(kind.value))
      out.relate(kind.value as RelationType, source, target, kind.start, kind.start + kind.value.length, 80);
  }
  return true;
}
