import { z } from 'zod';

// What the extractor finds in a document: the shape the exporter turns into STIX.

/** Observables: values a SOC can match or block. */
export const OBSERVABLE_TYPES = [
  'ipv4-addr',
  'ipv6-addr',
  'domain-name',
  'url',
  'email-addr',
  'file', // a hash; props.algorithm is MD5, SHA-1, SHA-256 or SHA-512
  'cryptocurrency-wallet', // props.chain: BTC, ETH, TRX, SOL, LTC, XMR ...
  'phone-number',
  'user-account', // props.service: GitHub, Telegram, Upwork ...
  'vulnerability', // a CVE id
  'autonomous-system', // value is the number, without "AS"
  'mac-addr',
] as const;

/** Named things: adversaries, their tools, their victims, places. */
export const ENTITY_TYPES = [
  'intrusion-set', // a group or cluster (Lazarus Group, Famous Chollima)
  'threat-actor', // an adversary individual or persona (a defendant, a facilitator)
  'malware',
  'tool',
  'attack-pattern', // props.external_id: the ATT&CK id (T1585.001)
  'campaign',
  'identity', // a victim, front company or deceived employer; props.identity_class
  'location', // props.country: ISO 3166-1 alpha-2 where a country; props.region, props.city
  'infrastructure',
] as const;

export const FINDING_TYPES = [...OBSERVABLE_TYPES, ...ENTITY_TYPES] as const;
export const FindingType = z.enum(FINDING_TYPES);
export type FindingType = z.infer<typeof FindingType>;
export type ObservableType = (typeof OBSERVABLE_TYPES)[number];
export type EntityType = (typeof ENTITY_TYPES)[number];

export function isObservableType(type: FindingType): type is ObservableType {
  return (OBSERVABLE_TYPES as readonly string[]).includes(type);
}

/** Where in the document a finding was seen. */
export const Evidence = z.object({
  /** Character offsets in the parsed document's text. */
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** The sentence (or table row) that holds it, for an analyst to read. */
  sentence: z.string().max(2000),
  /** Page number for paged documents. */
  page: z.number().int().positive().optional(),
  /**
   * Why this mention counted: the rule that found it and the features that decided it
   * ("found:url", "zone:indicators", "defanged"), so an analyst sees why a value was kept.
   */
  reasons: z.array(z.string().min(1).max(80)).max(16).optional(),
});
export type Evidence = z.infer<typeof Evidence>;

export const Finding = z.object({
  /** Unique within one document's findings; relations refer to it. */
  id: z.string().min(1).max(600),
  type: FindingType,
  /** The normalised value (refanged, lower-cased where the type is case-insensitive) or the name. */
  value: z.string().min(1).max(4096),
  /** Other names of the same thing (actor aliases, a/k/a names, personas). */
  aliases: z.array(z.string().min(1).max(400)).default([]),
  /** Type-specific facts: hash algorithm, wallet chain, ISO country code, ATT&CK id ... */
  props: z.record(z.string(), z.string()).default({}),
  /** Free text for the STIX description (e.g. the gazetteer's description of an actor). */
  description: z.string().max(4000).optional(),
  evidence: z.array(Evidence).min(1).max(50),
  /** 0-100, as STIX `confidence`. */
  confidence: z.number().int().min(0).max(100),
});
export type Finding = z.infer<typeof Finding>;

export const RELATION_TYPES = ['uses', 'targets', 'attributed-to', 'located-at', 'related-to', 'indicates'] as const;
export const RelationType = z.enum(RELATION_TYPES);
export type RelationType = z.infer<typeof RelationType>;

/** A relation the text states between two findings. */
export const Relation = z.object({
  type: RelationType,
  source: z.string().min(1),
  target: z.string().min(1),
  evidence: Evidence,
  confidence: z.number().int().min(0).max(100),
});
export type Relation = z.infer<typeof Relation>;

/** A candidate the extractor saw and left out, with the reasons (for review and `--explain`). */
export const Dropped = z.object({
  type: FindingType,
  value: z.string().min(1).max(4096),
  reasons: z.array(z.string().min(1).max(80)).min(1).max(16),
  evidence: Evidence,
});
export type Dropped = z.infer<typeof Dropped>;

export const Findings = z.object({
  findings: z.array(Finding),
  relations: z.array(Relation).default([]),
  /** Candidates left out, each once with the reasons of its first mention (bounded). */
  dropped: z.array(Dropped).max(1000).optional(),
});
export type Findings = z.infer<typeof Findings>;
