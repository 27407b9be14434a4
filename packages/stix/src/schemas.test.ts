import { describe, expect, test } from 'vitest';
import { buildBundle, buildIndicator, buildRelationship, buildSco, buildSdo, parseBundle } from './builders.ts';
import { StixValidationError } from './errors.ts';
import { EVIDENCE_EXTENSION_ID, WALLET_EXTENSION_ID } from './extension-ids.ts';
import { producerIdentity, STIXMILL_EXTENSIONS, STIXMILL_IDENTITY } from './extensions.ts';
import { sdoId } from './ids.ts';
import { SCO_SCHEMAS } from './schemas/sco.ts';
import { Location, SDO_SCHEMAS } from './schemas/sdo.ts';
import { TLP_LEVELS, TLP_MARKINGS, TLP2_EXTENSION_DEFINITION } from './tlp.ts';

const now = '2026-05-01T12:00:00.000Z';
const me = STIXMILL_IDENTITY.id;
const clear = TLP_MARKINGS.clear.id;
const signed = { created_by_ref: me, created: now, modified: now, object_marking_refs: [clear] };

const ip = buildSco('ipv4-addr', { value: '198.51.100.3', object_marking_refs: [clear] });
const wallet = buildSco('cryptocurrency-wallet', { value: '0x098B716B8Aaf21512996dC57EB0615e2383E2f96', chain: 'ETH' });
const actor = buildSdo('intrusion-set', {
  ...signed,
  id: sdoId('intrusion-set', 'Lazarus Group', me) as `intrusion-set--${string}`,
  name: 'Lazarus Group',
  aliases: ['APT38'],
  x_stixmill_evidence: [{ sentence: 'Lazarus Group did it.', source: 'https://a.example/', start: 0, end: 13 }],
});

const person = buildSdo('threat-actor', {
  ...signed,
  id: sdoId('threat-actor', 'Jin Sung-Il', me) as `threat-actor--${string}`,
  name: 'Jin Sung-Il',
  threat_actor_types: ['criminal'],
  resource_level: 'individual',
});

function reject(fn: () => unknown, message: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(StixValidationError);
  expect((caught as StixValidationError).message).toMatch(message);
}

describe('builders make valid objects', () => {
  test('an SCO gets its type, spec_version and deterministic id', () => {
    expect(ip).toEqual({
      type: 'ipv4-addr',
      spec_version: '2.1',
      id: 'ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4',
      object_marking_refs: [clear],
      value: '198.51.100.3',
    });
  });

  test('a wallet names the extension definition that declares its type', () => {
    expect(wallet.extensions).toEqual({ [WALLET_EXTENSION_ID]: { extension_type: 'new-sco' } });
  });

  test('an SDO with evidence names the evidence extension', () => {
    expect(actor.extensions).toEqual({ [EVIDENCE_EXTENSION_ID]: { extension_type: 'toplevel-property-extension' } });
  });

  test('the published TLP 2.0 markings are used, with their well-known ids', () => {
    expect(Object.keys(TLP_MARKINGS)).toEqual([...TLP_LEVELS]);
    expect(TLP_MARKINGS['amber+strict']).toMatchObject({
      id: 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
      name: 'TLP:AMBER+STRICT',
      extensions: { [TLP2_EXTENSION_DEFINITION.id]: { extension_type: 'property-extension', tlp_2_0: 'amber+strict' } },
    });
    expect(TLP_MARKINGS.clear.id).toBe('marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487');
  });

  test('a whole bundle parses, from an object or from JSON', () => {
    const indicator = buildIndicator({ ...signed, pattern: "[ipv4-addr:value = '198.51.100.3']", valid_from: now });
    const basedOn = buildRelationship({
      ...signed,
      relationship_type: 'based-on',
      source_ref: indicator.id,
      target_ref: ip.id,
    });
    const objects = [
      TLP_MARKINGS.clear,
      TLP2_EXTENSION_DEFINITION,
      STIXMILL_IDENTITY,
      ...STIXMILL_EXTENSIONS,
      ip,
      wallet,
      actor,
      indicator,
      basedOn,
    ];
    const bundle = buildBundle('bundle--6f0b3a8e-8c1f-4b7e-9d7a-2b0c1e4f5a6b', [...objects, ip]);
    expect(bundle.objects).toHaveLength(objects.length);
    expect(parseBundle(JSON.stringify(bundle))).toEqual(bundle);
  });

  test.each([
    { label: 'a person', resource_level: 'individual', threat_actor_types: ['criminal'] },
    { label: 'a state-directed person', resource_level: 'individual', threat_actor_types: ['nation-state'] },
    { label: 'a group', resource_level: undefined, threat_actor_types: ['crime-syndicate'] },
    { label: 'a group of unknown type', resource_level: undefined, threat_actor_types: undefined },
  ] as const)('a threat actor: $label', ({ resource_level, threat_actor_types }) => {
    const made = buildSdo('threat-actor', {
      ...signed,
      id: person.id,
      name: 'x',
      ...(resource_level ? { resource_level } : {}),
      ...(threat_actor_types ? { threat_actor_types: [...threat_actor_types] } : {}),
    });
    expect(made.resource_level).toBe(resource_level);
    expect(made.threat_actor_types).toEqual(threat_actor_types);
  });

  test('a named producer gets its own constant identity; the default is the project identity', () => {
    expect(producerIdentity('stixmill')).toBe(STIXMILL_IDENTITY);
    const acme = producerIdentity('ACME CTI');
    expect(acme.id).not.toBe(STIXMILL_IDENTITY.id);
    expect(producerIdentity('acme  cti').id).toBe(acme.id);
  });
});

describe('schemas reject invalid objects', () => {
  test.each([
    {
      label: 'an SCO whose id is not the deterministic one',
      schema: SCO_SCHEMAS['ipv4-addr'],
      value: { ...ip, id: 'ipv4-addr--00000000-0000-4000-8000-000000000000' },
      path: 'id',
    },
    {
      label: 'an IPv4 address out of range',
      schema: SCO_SCHEMAS['ipv4-addr'],
      value: { ...ip, value: '300.1.1.1' },
      path: 'value',
    },
    {
      label: 'a MAC address in upper case',
      schema: SCO_SCHEMAS['mac-addr'],
      value: {
        type: 'mac-addr',
        spec_version: '2.1',
        id: 'mac-addr--00000000-0000-5000-8000-000000000000',
        value: '00:1A:2B:3C:4D:5E',
      },
      path: 'value',
    },
    {
      label: 'a URL with a backslash (not RFC 3986)',
      schema: SCO_SCHEMAS.url,
      value: {
        type: 'url',
        spec_version: '2.1',
        id: 'url--00000000-0000-5000-8000-000000000000',
        value: 'https://a.example/a\\b',
      },
      path: 'value',
    },
    {
      label: 'a wallet without its extension',
      schema: SCO_SCHEMAS['cryptocurrency-wallet'],
      value: { ...wallet, extensions: undefined },
      path: 'extensions',
    },
    { label: 'a custom property on an SCO', schema: SCO_SCHEMAS['ipv4-addr'], value: { ...ip, x_other: 1 }, path: '' },
    {
      label: 'a SHA-256 of the wrong length',
      schema: SCO_SCHEMAS.file,
      value: {
        type: 'file',
        spec_version: '2.1',
        id: 'file--00000000-0000-5000-8000-000000000000',
        hashes: { 'SHA-256': 'abc' },
      },
      path: 'hashes.SHA-256',
    },
    {
      label: 'evidence without the evidence extension',
      schema: SDO_SCHEMAS['intrusion-set'],
      value: { ...actor, extensions: undefined },
      path: 'extensions',
    },
    {
      label: 'a resource level outside attack-resource-level-ov',
      schema: SDO_SCHEMAS['threat-actor'],
      value: { ...person, resource_level: 'person' },
      path: 'resource_level',
    },
    {
      label: 'a threat actor type outside threat-actor-type-ov',
      schema: SDO_SCHEMAS['threat-actor'],
      value: { ...person, threat_actor_types: ['nation state'] },
      path: 'threat_actor_types.0',
    },
    {
      label: 'a resource level on an intrusion set (not a property it has)',
      schema: SDO_SCHEMAS['intrusion-set'],
      value: { ...actor, resource_level: 'individual' },
      path: '',
    },
    {
      label: 'an indicator with a non-STIX pattern type',
      schema: SDO_SCHEMAS.indicator,
      value: {
        type: 'indicator',
        spec_version: '2.1',
        id: 'indicator--00000000-0000-4000-8000-000000000000',
        created: now,
        modified: now,
        pattern: '[x:y = 1]',
        pattern_type: 'sigma',
        valid_from: now,
      },
      path: 'pattern_type',
    },
    {
      label: 'a created time without milliseconds',
      schema: SDO_SCHEMAS['intrusion-set'],
      value: { ...actor, created: '2026-05-01T12:00:00Z' },
      path: 'created',
    },
    {
      label: 'a confidence above 100',
      schema: SDO_SCHEMAS['intrusion-set'],
      value: { ...actor, confidence: 101 },
      path: 'confidence',
    },
    {
      label: 'a cve reference without a CVE id',
      schema: SDO_SCHEMAS.vulnerability,
      value: {
        type: 'vulnerability',
        spec_version: '2.1',
        id: 'vulnerability--00000000-0000-4000-8000-000000000000',
        created: now,
        modified: now,
        name: 'x',
        external_references: [{ source_name: 'cve', external_id: 'CVE-24-1' }],
      },
      path: 'external_references.0',
    },
    {
      label: 'a location with neither region nor country',
      schema: Location,
      value: {
        type: 'location',
        spec_version: '2.1',
        id: 'location--00000000-0000-4000-8000-000000000000',
        created: now,
        modified: now,
        city: 'Nashville',
      },
      path: '',
    },
    {
      label: 'a relationship to a marking definition',
      schema: SDO_SCHEMAS.relationship,
      value: {
        type: 'relationship',
        spec_version: '2.1',
        id: 'relationship--00000000-0000-4000-8000-000000000000',
        created: now,
        modified: now,
        relationship_type: 'uses',
        source_ref: actor.id,
        target_ref: clear,
      },
      path: 'target_ref',
    },
  ])('$label', ({ schema, value, path }) => {
    const result = schema.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  test('a builder throws a coded error instead of returning an invalid object', () => {
    reject(() => buildSco('ipv4-addr', { value: 'not-an-ip' }), /invalid ipv4-addr: value/);
    reject(() => buildSco('phone-number', { value: 'call me' }), /E\.164/);
    reject(
      () => buildSdo('malware', { ...signed, id: 'malware--00000000-0000-4000-8000-000000000000', name: 'x' } as never),
      /is_family/,
    );
  });

  test.each([
    { label: 'a dangling object_marking_ref', objects: [ip], message: /is not in the bundle/ },
    {
      label: 'a relationship to an object not in the bundle',
      objects: [
        TLP_MARKINGS.clear,
        ip,
        buildRelationship({
          relationship_type: 'related-to',
          source_ref: ip.id,
          target_ref: wallet.id,
          created: now,
          modified: now,
        }),
      ],
      message: /target_ref: cryptocurrency-wallet--/,
    },
    {
      label: 'an unknown object type',
      objects: [{ type: 'x-thing', id: 'x-thing--00000000-0000-4000-8000-000000000000' }],
      message: /objects\.0\.type/,
    },
    { label: 'no objects', objects: [], message: /objects/ },
  ])('parseBundle rejects $label', ({ objects, message }) => {
    reject(() => parseBundle({ type: 'bundle', id: 'bundle--6f0b3a8e-8c1f-4b7e-9d7a-2b0c1e4f5a6b', objects }), message);
  });

  test('parseBundle rejects duplicate ids and non-JSON', () => {
    const bundle = {
      type: 'bundle',
      id: 'bundle--6f0b3a8e-8c1f-4b7e-9d7a-2b0c1e4f5a6b',
      objects: [TLP_MARKINGS.clear, TLP_MARKINGS.clear],
    };
    reject(() => parseBundle(bundle), /duplicate id/);
    reject(() => parseBundle('{nope'), /not JSON/);
  });
});
