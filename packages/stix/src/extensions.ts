import { EVIDENCE_EXTENSION_ID, PHONE_EXTENSION_ID, WALLET_EXTENSION_ID } from './extension-ids.ts';
import { normaliseName, producerIdentityId } from './ids.ts';
import type { ExtensionDefinition } from './schemas/meta.ts';
import { Identity } from './schemas/sdo.ts';
import { TLP_MARKINGS } from './tlp.ts';

// stixmill's own extension definitions and the identity that authors them. They are constant
// (fixed ids and timestamps) and public, so they are marked TLP:CLEAR in every bundle whatever
// the report's TLP: one object, one version, everywhere.

/** When stixmill's extensions were first published; constant so every bundle carries the same version. */
const PUBLISHED = '2026-01-01T00:00:00.000Z';
const CLEAR = [TLP_MARKINGS.clear.id];

/** The stixmill project, author of its extension definitions (and the default producer). */
export const STIXMILL_IDENTITY: Identity = {
  type: 'identity',
  spec_version: '2.1',
  id: producerIdentityId('stixmill') as `identity--${string}`,
  created_by_ref: producerIdentityId('stixmill') as `identity--${string}`,
  created: PUBLISHED,
  modified: PUBLISHED,
  name: 'stixmill',
  description: 'stixmill turns public threat reports, advisories and DOJ filings into STIX 2.1.',
  identity_class: 'system',
  object_marking_refs: CLEAR,
};

function definition(
  id: string,
  fields: Pick<ExtensionDefinition, 'name' | 'description' | 'schema' | 'extension_types'> & {
    extension_properties?: string[];
  },
  // A changed schema is a new version of the definition (§3.6): a later `modified`, a higher `version`.
  revision: { modified: string; version: string } = { modified: PUBLISHED, version: '1.0.0' },
): ExtensionDefinition {
  return {
    type: 'extension-definition',
    spec_version: '2.1',
    id: id as `extension-definition--${string}`,
    created_by_ref: STIXMILL_IDENTITY.id,
    created: PUBLISHED,
    modified: revision.modified,
    ...fields,
    version: revision.version,
    object_marking_refs: CLEAR,
  };
}

/*
 * STIX 2.1 §7.3: "new-sco: Specifies that the Extension Definition includes a new SCO object
 * type." The schema property may be "a URL or ... plain text explaining the definition"; these
 * are plain text so a consumer needs nothing from the network to understand them.
 */
export const WALLET_EXTENSION: ExtensionDefinition = definition(WALLET_EXTENSION_ID, {
  name: 'cryptocurrency-wallet',
  description: 'A new SCO for a cryptocurrency wallet address, as named in public threat reports.',
  schema:
    "SCO type 'cryptocurrency-wallet'. Properties: value (string, required, id-contributing): the address exactly " +
    'as written on its chain; chain (string, optional): the ticker of the chain (BTC, ETH, TRX, SOL, LTC, XMR ...). ' +
    'The id is UUIDv5 in the STIX SCO namespace over the RFC 8785 JSON of {"value": value}.',
  extension_types: ['new-sco'],
});

export const PHONE_EXTENSION: ExtensionDefinition = definition(PHONE_EXTENSION_ID, {
  name: 'phone-number',
  description: 'A new SCO for a telephone number, as named in public threat reports.',
  schema:
    "SCO type 'phone-number'. Properties: value (string, required, id-contributing): the number in E.164 form " +
    '(\'+\' and digits). The id is UUIDv5 in the STIX SCO namespace over the RFC 8785 JSON of {"value": value}.',
  extension_types: ['new-sco'],
});

export const EVIDENCE_EXTENSION: ExtensionDefinition = definition(
  EVIDENCE_EXTENSION_ID,
  {
    name: 'stixmill evidence',
    description: 'Where in a source document stixmill found the object: the sentence and the document.',
    schema:
      'Top-level property x_stixmill_evidence: a non-empty list of {sentence (string), source (string: the document ' +
      'URL or name), start and end (integers: character offsets in the parsed text), page (integer, optional), ' +
      'reasons (non-empty list of strings, optional: the extractor rule and features that made the mention count)}.',
    extension_types: ['toplevel-property-extension'],
    extension_properties: ['x_stixmill_evidence'],
  },
  // 1.1.0 adds the optional `reasons` of each evidence entry.
  { modified: '2026-12-03T00:00:00.000Z', version: '1.1.0' },
);

export const STIXMILL_EXTENSIONS: readonly ExtensionDefinition[] = [
  WALLET_EXTENSION,
  PHONE_EXTENSION,
  EVIDENCE_EXTENSION,
];

/**
 * The identity a stixmill deployment signs its objects with (`created_by_ref`). Constant for a
 * name, so every bundle carries the same object; the default name gives the project identity.
 */
export function producerIdentity(name: string): Identity {
  if (normaliseName(name) === normaliseName(STIXMILL_IDENTITY.name)) return STIXMILL_IDENTITY;
  const id = producerIdentityId(name) as Identity['id'];
  return Identity.parse({
    type: 'identity',
    spec_version: '2.1',
    id,
    created_by_ref: id,
    created: PUBLISHED,
    modified: PUBLISHED,
    name: name.trim(),
    identity_class: 'organization',
    object_marking_refs: CLEAR,
  });
}
