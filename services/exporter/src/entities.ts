import type { EntityType, Finding } from '@stixmill/contracts';
import {
  type ExternalReference,
  IDENTITY_CLASSES,
  normaliseName,
  REGIONS,
  THREAT_ACTOR_TYPES,
  type ThreatActorType,
} from '@stixmill/stix';

// Named findings -> the SDO each becomes: its type, the key its deterministic id is derived
// from, and its type-specific properties. The builders check the properties against the schema.

export type EntitySdoType = EntityType | 'vulnerability';

export interface EntitySpec {
  type: EntitySdoType;
  /** What makes two findings the same object: a normalised name, an ATT&CK id, a CVE id, a place. */
  key: string;
  /** Type-specific properties (name, aliases, identity_class, country ...). */
  fields: Record<string, unknown>;
  /** Type-specific external references (ATT&CK, CVE), before the evidence reference. */
  references: ExternalReference[];
}

/** Aliases other than the name itself, each once. */
export function aliasesOf(finding: Finding): string[] {
  const seen = new Set([normaliseName(finding.value)]);
  const out: string[] = [];
  for (const alias of finding.aliases) {
    const key = normaliseName(alias);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(alias.trim());
  }
  return out;
}

function named(finding: Finding, type: EntitySdoType): EntitySpec {
  const aliases = aliasesOf(finding);
  return {
    type,
    key: finding.value,
    fields: { name: finding.value.trim(), ...(aliases.length > 0 ? { aliases } : {}) },
    references: [],
  };
}

const ATTACK_ID = /^T\d{4}(\.\d{3})?$/;
const CVE_ID = /^CVE-\d{4}-(0\d{3}|[1-9]\d{3,})$/;

function vocabulary(value: string | undefined): string | undefined {
  return value
    ?.trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
}

/** The finding's stated threat-actor type, where it is one of threat-actor-type-ov. */
function statedActorType(finding: Finding): ThreatActorType | undefined {
  const kind = vocabulary(finding.props.threat_actor_type);
  return (THREAT_ACTOR_TYPES as readonly string[]).includes(kind ?? '') ? (kind as ThreatActorType) : undefined;
}

/**
 * A threat actor. A person (defendant, facilitator, persona: `props.kind` `person`) is an
 * individual: `resource_level: individual`, which OpenCTI's import files as a
 * Threat-Actor-Individual (anything else becomes a Threat-Actor-Group), and `criminal` unless
 * the finding states another type: the extractor names persons charged, sentenced or
 * sanctioned, and their personas; it cannot tell who acts for a state (docs/adr/0004).
 */
function threatActor(finding: Finding): EntitySpec {
  const spec = named(finding, 'threat-actor');
  const stated = statedActorType(finding);
  if (finding.props.kind === 'person') {
    spec.fields.threat_actor_types = [stated ?? 'criminal'];
    spec.fields.resource_level = 'individual';
  } else if (stated) {
    spec.fields.threat_actor_types = [stated];
  }
  return spec;
}

/** STIX 2.1 §4.10: a location needs a region or a country; the spec's `name` is optional, stixmill always sets it. */
function location(finding: Finding): EntitySpec {
  const country = finding.props.country?.trim().toUpperCase();
  const region = vocabulary(finding.props.region);
  const city = finding.props.city?.trim();
  const fields: Record<string, unknown> = { name: finding.value.trim() };
  if (region && (REGIONS as readonly string[]).includes(region)) fields.region = region;
  if (country && /^[A-Z]{2}$/.test(country)) fields.country = country;
  if (finding.props.administrative_area) fields.administrative_area = finding.props.administrative_area.trim();
  if (city) fields.city = city;
  if (fields.region === undefined && fields.country === undefined) {
    throw new TypeError('a location needs an ISO country code or a STIX region');
  }
  // The same place under two names ("North Korea", "DPRK") is one object: key on the codes. A
  // state and a city of one name ("New York") are two.
  const area = fields.administrative_area as string | undefined;
  const key = [fields.country ?? '', fields.region ?? '', city ?? '', ...(area ? [area] : [])].join('/');
  return { type: 'location', key, fields, references: [] };
}

export const ENTITY_MAPPERS = {
  'intrusion-set': (f) => named(f, 'intrusion-set'),
  'threat-actor': threatActor,
  malware: (f) => {
    const spec = named(f, 'malware');
    spec.fields.is_family = true;
    return spec;
  },
  tool: (f) => named(f, 'tool'),
  campaign: (f) => named(f, 'campaign'),
  infrastructure: (f) => named(f, 'infrastructure'),
  identity: (f) => {
    const spec = named(f, 'identity');
    // STIX 2.1 identity has no aliases property: a front company's a/k/a names go in its description.
    const aliases = spec.fields.aliases as string[] | undefined;
    delete spec.fields.aliases;
    if (aliases) spec.fields.description = `Also known as: ${aliases.join('; ')}.`;
    const identityClass = vocabulary(f.props.identity_class);
    if (identityClass && (IDENTITY_CLASSES as readonly string[]).includes(identityClass)) {
      spec.fields.identity_class = identityClass;
    }
    return spec;
  },
  location,
  'attack-pattern': (f) => {
    const spec = named(f, 'attack-pattern');
    const candidate = (f.props.external_id ?? f.value).trim().toUpperCase();
    if (ATTACK_ID.test(candidate)) {
      spec.key = candidate;
      spec.references.push({ source_name: 'mitre-attack', external_id: candidate });
    }
    return spec;
  },
  vulnerability: (f) => {
    const id = f.value.trim().toUpperCase();
    return {
      type: 'vulnerability',
      key: id,
      fields: { name: id },
      references: CVE_ID.test(id) ? [{ source_name: 'cve', external_id: id }] : [],
    };
  },
} as const satisfies Record<EntitySdoType, (finding: Finding) => EntitySpec>;
