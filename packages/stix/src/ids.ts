import { canonicalize, type JsonValue } from './jcs.ts';
import { uuidv5 } from './uuid5.ts';

/** The namespace STIX 2.1 fixes for deterministic SCO ids (§2.9). */
export const SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';

/**
 * stixmill's own namespace for SDO, SRO and report ids. STIX 2.1 §2.9 lets producers use
 * UUIDv5 for non-SCOs if they pick a namespace that guarantees uniqueness and never the SCO
 * namespace above; this one is a random UUIDv4 minted for the project.
 */
export const STIXMILL_NAMESPACE = 'ec508135-1199-4305-8c65-e700ea8852d9';

export const SCO_TYPES = [
  'ipv4-addr',
  'ipv6-addr',
  'domain-name',
  'url',
  'email-addr',
  'file',
  'autonomous-system',
  'mac-addr',
  'user-account',
  'cryptocurrency-wallet',
  'phone-number',
] as const;
export type ScoType = (typeof SCO_TYPES)[number];

/*
 * STIX 2.1 §2.9: "the UUIDv5 ... name portion is the canonical JSON (RFC 8785) of an object
 * containing the ID contributing properties ... If none of the ID contributing properties are
 * present on the object, then a UUIDv4 MUST be used." The lists are the spec's per-object "ID
 * Contributing Properties" (and, for our two new SCOs, what their extension definitions say).
 */
const ID_CONTRIBUTING_PROPERTIES = {
  'ipv4-addr': ['value'],
  'ipv6-addr': ['value'],
  'domain-name': ['value'],
  url: ['value'],
  'email-addr': ['value'],
  file: ['hashes', 'name', 'parent_directory_ref', 'extensions'],
  'autonomous-system': ['number'],
  'mac-addr': ['value'],
  'user-account': ['account_type', 'user_id', 'account_login'],
  'cryptocurrency-wallet': ['value'],
  'phone-number': ['value'],
} as const satisfies Record<ScoType, readonly string[]>;

/** §2.9: of `hashes`, only one contributes, in the order MD5, SHA-1, SHA-256, SHA-512, then any other. */
const HASH_PREFERENCE = ['MD5', 'SHA-1', 'SHA-256', 'SHA-512'] as const;

function chooseOneHash(hashes: Record<string, string>): Record<string, string> {
  const key = HASH_PREFERENCE.find((k) => k in hashes) ?? Object.keys(hashes)[0];
  const value = key === undefined ? undefined : hashes[key];
  if (key === undefined || value === undefined) throw new TypeError('file hashes are empty');
  return { [key]: value };
}

/** The deterministic id of an SCO from the properties it will carry. */
export function scoId(type: ScoType, properties: Readonly<Record<string, unknown>>): string {
  const contributing: Record<string, JsonValue> = {};
  for (const key of ID_CONTRIBUTING_PROPERTIES[type]) {
    const value = properties[key];
    if (value === undefined) continue;
    contributing[key] = key === 'hashes' ? chooseOneHash(value as Record<string, string>) : (value as JsonValue);
  }
  if (Object.keys(contributing).length === 0) {
    // The spec would fall back to a random UUIDv4; stixmill never emits such an SCO, so say so.
    throw new TypeError(`${type} has none of its id-contributing properties`);
  }
  return `${type}--${uuidv5(SCO_NAMESPACE, canonicalize(contributing))}`;
}

/** Names compare equal when they differ only in case, width, spacing or surrounding punctuation. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u200b]+/g, ' ')
    .replace(/^[\s"'“”‘’.,;:()]+|[\s"'“”‘’.,;:()]+$/g, '');
}

function stixmillId(type: string, key: Record<string, JsonValue>): string {
  return `${type}--${uuidv5(STIXMILL_NAMESPACE, canonicalize({ type, ...key }))}`;
}

/**
 * An SDO's id from its type, its normalised name (or another stable key, e.g. an ATT&CK id)
 * and the producer, so the same actor found in two reports by one producer is one object.
 */
export function sdoId(type: string, key: string, createdByRef: string): string {
  return stixmillId(type, { name: normaliseName(key), created_by_ref: createdByRef });
}

/** A producer identity's id: from its name alone (it creates itself). */
export function producerIdentityId(name: string): string {
  return stixmillId('identity', { name: normaliseName(name), producer: true });
}

/** An indicator's id from what it detects: its pattern, per producer. */
export function indicatorId(pattern: string, createdByRef: string): string {
  return stixmillId('indicator', { pattern, created_by_ref: createdByRef });
}

export function relationshipId(relationshipType: string, sourceRef: string, targetRef: string): string {
  return stixmillId('relationship', {
    relationship_type: relationshipType,
    source_ref: sourceRef,
    target_ref: targetRef,
  });
}

/** A report's id from the document it describes: the same bytes from the same source are one report. */
export function reportId(source: string, sha256: string, createdByRef: string): string {
  return stixmillId('report', { source, sha256, created_by_ref: createdByRef });
}
