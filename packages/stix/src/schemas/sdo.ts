import { z } from 'zod';
import { EVIDENCE_EXTENSION_ID } from '../extension-ids.ts';
import { Aliases, Identifier, idOf, sdoHead, sdoTail, Timestamp } from './common.ts';

// STIX 2.1 §4 (STIX Domain Objects) and §5 (Relationship), for the types stixmill emits.

/** §10 open vocabularies stixmill draws from (its builders only emit these values). */
export const IDENTITY_CLASSES = ['individual', 'group', 'system', 'organization', 'class', 'unknown'] as const;
export const REGIONS = [
  'africa',
  'eastern-africa',
  'middle-africa',
  'northern-africa',
  'southern-africa',
  'western-africa',
  'americas',
  'caribbean',
  'central-america',
  'latin-america-caribbean',
  'northern-america',
  'south-america',
  'asia',
  'central-asia',
  'eastern-asia',
  'southern-asia',
  'south-eastern-asia',
  'western-asia',
  'europe',
  'eastern-europe',
  'northern-europe',
  'southern-europe',
  'western-europe',
  'oceania',
  'antarctica',
  'australia-new-zealand',
  'melanesia',
  'micronesia',
  'polynesia',
] as const;
export type Region = (typeof REGIONS)[number];

/** threat-actor-type-ov (STIX 2.1 §10). */
export const THREAT_ACTOR_TYPES = [
  'activist',
  'competitor',
  'crime-syndicate',
  'criminal',
  'hacker',
  'insider-accidental',
  'insider-disgruntled',
  'nation-state',
  'sensationalist',
  'spy',
  'terrorist',
  'unknown',
] as const;
export type ThreatActorType = (typeof THREAT_ACTOR_TYPES)[number];
/**
 * attack-resource-level-ov (STIX 2.1 §10). `individual` on a threat-actor is what OpenCTI's import reads
 * as a Threat-Actor-Individual rather than a Threat-Actor-Group (docs/adr/0004).
 */
export const ATTACK_RESOURCE_LEVELS = ['individual', 'club', 'contest', 'team', 'organization', 'government'] as const;
export type AttackResourceLevel = (typeof ATTACK_RESOURCE_LEVELS)[number];

const OpenVocab = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'open-vocabulary values are lower case with hyphens');

/** `x_stixmill_evidence` is a custom property, so the object must name the extension that declares it. */
interface EvidenceCarrier {
  x_stixmill_evidence?: unknown;
  extensions?: Record<string, { extension_type?: string | undefined }> | undefined;
}
function evidenceDeclared(obj: EvidenceCarrier): boolean {
  return (
    obj.x_stixmill_evidence === undefined ||
    obj.extensions?.[EVIDENCE_EXTENSION_ID]?.extension_type === 'toplevel-property-extension'
  );
}
const EVIDENCE_DECLARED = {
  message: `x_stixmill_evidence needs the ${EVIDENCE_EXTENSION_ID} extension`,
  path: ['extensions'],
};

function sdo<T extends string, S extends z.ZodRawShape>(type: T, shape: S) {
  return z
    .strictObject({
      type: z.literal(type),
      spec_version: z.literal('2.1'),
      id: idOf(type),
      ...sdoHead,
      ...shape,
      ...sdoTail,
    })
    .refine((o) => evidenceDeclared(o as EvidenceCarrier), EVIDENCE_DECLARED);
}

export const Identity = sdo('identity', {
  name: z.string().min(1),
  description: z.string().min(1).optional(),
  roles: z.array(z.string().min(1)).min(1).optional(),
  identity_class: z.enum(IDENTITY_CLASSES).optional(),
  sectors: z.array(OpenVocab).min(1).optional(),
  contact_information: z.string().min(1).optional(),
});
export type Identity = z.infer<typeof Identity>;

/** §4.7 Indicator: pattern_type `stix` only, with the STIX patterning version. */
export const Indicator = sdo('indicator', {
  name: z.string().min(1).optional(),
  description: z.string().min(1).optional(),
  indicator_types: z.array(OpenVocab).min(1).optional(),
  pattern: z.string().regex(/^\[.*\]$/s, 'a STIX pattern is bracketed'),
  pattern_type: z.literal('stix'),
  pattern_version: z.literal('2.1').optional(),
  valid_from: Timestamp,
  valid_until: Timestamp.optional(),
});
export type Indicator = z.infer<typeof Indicator>;

const named = {
  name: z.string().min(1),
  description: z.string().min(1).optional(),
  aliases: Aliases,
};

/** §4.17 Threat Actor: a group, or a person (`resource_level: individual`). */
export const ThreatActor = sdo('threat-actor', {
  ...named,
  threat_actor_types: z.array(z.enum(THREAT_ACTOR_TYPES)).min(1).optional(),
  roles: z.array(OpenVocab).min(1).optional(),
  resource_level: z.enum(ATTACK_RESOURCE_LEVELS).optional(),
  first_seen: Timestamp.optional(),
  last_seen: Timestamp.optional(),
});
export type ThreatActor = z.infer<typeof ThreatActor>;

export const IntrusionSet = sdo('intrusion-set', {
  ...named,
  first_seen: Timestamp.optional(),
  last_seen: Timestamp.optional(),
});
export type IntrusionSet = z.infer<typeof IntrusionSet>;

export const Campaign = sdo('campaign', {
  ...named,
  first_seen: Timestamp.optional(),
  last_seen: Timestamp.optional(),
});
export type Campaign = z.infer<typeof Campaign>;

/** §4.11: `is_family` is required; stixmill names families (is_family true requires a name). */
export const Malware = sdo('malware', {
  ...named,
  is_family: z.boolean(),
  malware_types: z.array(OpenVocab).min(1).optional(),
});
export type Malware = z.infer<typeof Malware>;

export const Tool = sdo('tool', { ...named, tool_types: z.array(OpenVocab).min(1).optional() });
export type Tool = z.infer<typeof Tool>;

export const Infrastructure = sdo('infrastructure', {
  ...named,
  infrastructure_types: z.array(OpenVocab).min(1).optional(),
});
export type Infrastructure = z.infer<typeof Infrastructure>;

export const AttackPattern = sdo('attack-pattern', { ...named });
export type AttackPattern = z.infer<typeof AttackPattern>;

export const Vulnerability = sdo('vulnerability', {
  name: z.string().min(1),
  description: z.string().min(1).optional(),
});
export type Vulnerability = z.infer<typeof Vulnerability>;

/** §4.10 Location: "at least one of region, country, or latitude and longitude". */
export const Location = sdo('location', {
  name: z.string().min(1).optional(),
  description: z.string().min(1).optional(),
  region: z.enum(REGIONS).optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'country is an ISO 3166-1 alpha-2 code')
    .optional(),
  administrative_area: z.string().min(1).optional(),
  city: z.string().min(1).optional(),
}).refine((l) => l.region !== undefined || l.country !== undefined, 'a location needs a region or a country');
export type Location = z.infer<typeof Location>;

export const REPORT_TYPES = [
  'threat-report',
  'attack-pattern',
  'campaign',
  'identity',
  'indicator',
  'malware',
  'threat-actor',
  'tool',
  'vulnerability',
] as const;

export const Report = sdo('report', {
  name: z.string().min(1),
  description: z.string().min(1).optional(),
  report_types: z.array(z.enum(REPORT_TYPES)).min(1).optional(),
  published: Timestamp,
  object_refs: z.array(Identifier).min(1),
});
export type Report = z.infer<typeof Report>;

/** §4.13 Note: analyst commentary on other objects (a review of a report, who made it and what changed). */
export const Note = sdo('note', {
  abstract: z.string().min(1).optional(),
  content: z.string().min(1),
  authors: z.array(z.string().min(1)).min(1).optional(),
  object_refs: z.array(Identifier).min(1),
});
export type Note = z.infer<typeof Note>;

/** §5.1 Relationship: source and target are never SROs or meta objects. */
const Relatable = Identifier.refine(
  (id) => !/^(relationship|sighting|bundle|marking-definition|language-content|extension-definition)--/.test(id),
  'relationships join SDOs and SCOs only',
);
export const Relationship = sdo('relationship', {
  relationship_type: z.string().regex(/^[a-z0-9-]+$/),
  description: z.string().min(1).optional(),
  source_ref: Relatable,
  target_ref: Relatable,
  start_time: Timestamp.optional(),
  stop_time: Timestamp.optional(),
});
export type Relationship = z.infer<typeof Relationship>;

export const SDO_SCHEMAS = {
  identity: Identity,
  indicator: Indicator,
  'threat-actor': ThreatActor,
  'intrusion-set': IntrusionSet,
  campaign: Campaign,
  malware: Malware,
  tool: Tool,
  infrastructure: Infrastructure,
  'attack-pattern': AttackPattern,
  vulnerability: Vulnerability,
  location: Location,
  report: Report,
  note: Note,
  relationship: Relationship,
} as const;
export type SdoType = keyof typeof SDO_SCHEMAS;
