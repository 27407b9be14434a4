import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Finding, FindingsExtractedV1, type Payload, type Relation } from '@stixmill/contracts';
import { type Bundle, parseBundle, STIXMILL_IDENTITY, TLP_MARKINGS } from '@stixmill/stix';
import { describe, expect, test } from 'vitest';
import { type Skipped, toBundle } from './handler.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'findings');
const fixture = (name: string) => FindingsExtractedV1.parse(JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')));
const NOW = new Date('2026-05-01T12:00:00.000Z');

let offset = 0;
function finding(id: string, type: Finding['type'], value: string, extra: Partial<Finding> = {}): Finding {
  const sentence = `The report mentions ${value}.`;
  offset += sentence.length;
  return {
    id,
    type,
    value,
    aliases: [],
    props: {},
    evidence: [{ start: offset, end: offset + 5, sentence }],
    confidence: 80,
    ...extra,
  };
}
function relation(type: Relation['type'], source: string, target: string): Relation {
  return {
    type,
    source,
    target,
    evidence: { start: 0, end: 5, sentence: `${source} ${type} ${target}.` },
    confidence: 65,
  };
}
function payload(
  findings: Finding[],
  relations: Relation[] = [],
  tlp: Payload<'findings.extracted'>['context']['tlp'] = 'amber',
): Payload<'findings.extracted'> {
  return FindingsExtractedV1.parse({
    meta: {
      source: 'https://news.example/a',
      finalUrl: 'https://news.example/a?ok=1',
      site: 'news.example',
      title: 'A report',
      published: '2025-03-01T10:00:00+02:00',
      contentType: 'text/html',
      sha256: 'c'.repeat(64),
    },
    findings,
    relations,
    context: { tlp, labels: ['dprk'] },
  });
}
const byType = (bundle: Bundle, type: string) => bundle.objects.filter((o) => o.type === type);
const one = <T extends Bundle['objects'][number]['type']>(bundle: Bundle, type: T) =>
  byType(bundle, type)[0] as Extract<Bundle['objects'][number], { type: T }>;

describe('toBundle maps findings to STIX', () => {
  const input = payload(
    [
      finding('d', 'domain-name', 'Bad.Example.'),
      finding('w', 'cryptocurrency-wallet', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', { props: { chain: 'btc' } }),
      finding('h', 'file', 'D41D8CD98F00B204E9800998ECF8427E', { confidence: 90 }),
      finding('a', 'intrusion-set', 'Lazarus Group', {
        aliases: ['APT38', 'lazarus group'],
        description: 'A DPRK cluster.',
      }),
      finding('t', 'attack-pattern', 'Spearphishing Link', { props: { external_id: 't1566.002' } }),
      finding('c', 'vulnerability', 'cve-2024-3400'),
      finding('v', 'identity', 'Acme Crypto', { props: { identity_class: 'organization' }, aliases: ['Acme'] }),
      finding('l', 'location', 'North Korea', { props: { country: 'kp', region: 'Eastern Asia' } }),
    ],
    [
      relation('uses', 'a', 't'),
      relation('targets', 'a', 'v'),
      relation('indicates', 'w', 'a'),
      relation('located-at', 'a', 'l'),
    ],
  );
  const bundle = toBundle(input, { now: NOW });

  test('the bundle is valid by the package schemas', () => {
    expect(parseBundle(JSON.stringify(bundle))).toEqual(bundle);
  });

  test('one report: name, published, source URL with its hash, refs to everything, signed by the producer', () => {
    const report = one(bundle, 'report');
    expect(byType(bundle, 'report')).toHaveLength(1);
    expect(report).toMatchObject({
      name: 'A report',
      published: '2025-03-01T08:00:00.000Z',
      created_by_ref: STIXMILL_IDENTITY.id,
      labels: ['dprk'],
      external_references: [
        { source_name: 'news.example', url: 'https://news.example/a?ok=1', hashes: { 'SHA-256': 'c'.repeat(64) } },
      ],
    });
    const meta = new Set(['report', 'marking-definition', 'extension-definition']);
    const expected = bundle.objects.filter((o) => !meta.has(o.type)).map((o) => o.id);
    expect(new Set(report.object_refs)).toEqual(new Set(expected));
  });

  test('every object but the TLP definitions is marked; report objects with the report TLP', () => {
    for (const o of bundle.objects) {
      if (o.type === 'marking-definition') continue;
      const shared = o.type === 'extension-definition' || o.id === STIXMILL_IDENTITY.id;
      if (o.id === 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d') continue;
      expect(o.object_marking_refs, o.id).toEqual([shared ? TLP_MARKINGS.clear.id : TLP_MARKINGS.amber.id]);
    }
    expect(bundle.objects.map((o) => o.id)).toEqual(
      expect.arrayContaining([TLP_MARKINGS.amber.id, TLP_MARKINGS.clear.id]),
    );
  });

  test('each observable: its SCO, an indicator with a pattern, and based-on from indicator to SCO', () => {
    const indicators = byType(bundle, 'indicator') as Extract<Bundle['objects'][number], { type: 'indicator' }>[];
    expect(indicators.map((i) => i.pattern).sort()).toEqual([
      "[cryptocurrency-wallet:value = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq']",
      "[domain-name:value = 'bad.example']",
      "[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']",
    ]);
    const basedOn = byType(bundle, 'relationship').filter(
      (r) => r.type === 'relationship' && r.relationship_type === 'based-on',
    );
    expect(basedOn).toHaveLength(3);
    const file = indicators.find((i) => i.pattern.includes('file'));
    expect(file).toMatchObject({ confidence: 90, valid_from: '2025-03-01T08:00:00.000Z', pattern_type: 'stix' });
    expect(file?.x_stixmill_evidence?.[0]).toMatchObject({ source: 'https://news.example/a?ok=1' });
    expect(one(bundle, 'cryptocurrency-wallet')).toMatchObject({ chain: 'BTC' });
  });

  test('entities become SDOs with aliases, ATT&CK and CVE references, identity class and place codes', () => {
    const actor = one(bundle, 'intrusion-set');
    expect(actor).toMatchObject({
      name: 'Lazarus Group',
      aliases: ['APT38'],
      description: 'A DPRK cluster.',
      confidence: 80,
    });
    expect(actor.x_stixmill_evidence?.[0]?.sentence).toBe('The report mentions Lazarus Group.');
    expect(actor.external_references?.[0]).toMatchObject({
      url: 'https://news.example/a?ok=1',
      description: 'The report mentions Lazarus Group.',
    });
    expect(one(bundle, 'attack-pattern').external_references?.[0]).toEqual({
      source_name: 'mitre-attack',
      external_id: 'T1566.002',
    });
    expect(one(bundle, 'vulnerability').name).toBe('CVE-2024-3400');
    expect(one(bundle, 'vulnerability').external_references?.[0]).toEqual({
      source_name: 'cve',
      external_id: 'CVE-2024-3400',
    });
    const victim = byType(bundle, 'identity').find((i) => i.type === 'identity' && i.name === 'Acme Crypto');
    expect(victim).toMatchObject({ identity_class: 'organization', description: 'Also known as: Acme.' });
    expect(one(bundle, 'location')).toMatchObject({ name: 'North Korea', country: 'KP', region: 'eastern-asia' });
  });

  test('relations become relationships; an observable indicates through its indicator', () => {
    const rels = byType(bundle, 'relationship').filter(
      (r) => r.type === 'relationship' && r.relationship_type !== 'based-on',
    );
    const described = rels.map(
      (r) =>
        r.type === 'relationship' &&
        `${r.source_ref.split('--')[0]} ${r.relationship_type} ${r.target_ref.split('--')[0]}`,
    );
    expect(described.sort()).toEqual([
      'indicator indicates intrusion-set',
      'intrusion-set related-to location', // not a STIX 2.1 intrusion-set relationship: kept, as related-to
      'intrusion-set targets identity',
      'intrusion-set uses attack-pattern',
    ]);
    const fallback = rels.find((r) => r.type === 'relationship' && r.relationship_type === 'related-to');
    expect(fallback).toMatchObject({ description: 'Stated as "located-at": a located-at l.', confidence: 65 });
  });
});

describe('toBundle is deterministic', () => {
  const strip = (bundle: Bundle) =>
    JSON.stringify(bundle, (key, value) => (key === 'created' || key === 'modified' ? undefined : value)).replace(
      /"id":"bundle--[^"]+"/,
      '',
    );

  // Dated documents: an undated one also takes published and valid_from from the clock (tested below).
  test.each(['dprk-it-workers.json', 'lazarus-advisory.json', 'ronin-bridge.json', 'laptop-farm.json'])(
    '%s twice gives the same bundle but for created, modified and bundle id',
    (name) => {
      const first = toBundle(fixture(name), { now: NOW });
      const second = toBundle(fixture(name), { now: new Date('2027-01-01T00:00:00.000Z') });
      expect(second.id).not.toBe(first.id);
      expect(JSON.stringify(second)).not.toBe(JSON.stringify(first));
      expect(strip(second)).toBe(strip(first));
      expect(JSON.stringify(toBundle(fixture(name), { now: NOW, bundleId: first.id }))).toBe(JSON.stringify(first));
    },
  );

  test('the same actor in two reports is one id', () => {
    const lazarus = (b: Bundle) => b.objects.find((o) => o.type === 'intrusion-set' && o.name === 'Lazarus Group')?.id;
    const a = toBundle(fixture('ronin-bridge.json'), { now: NOW });
    const b = toBundle(fixture('lazarus-advisory.json'), { now: NOW });
    expect(lazarus(a)).toBeDefined();
    expect(lazarus(a)).toBe(lazarus(b));
    expect(one(a, 'report').id).not.toBe(one(b, 'report').id);
  });

  test('another producer signs with its own identity and gets its own SDO ids', () => {
    const a = toBundle(fixture('ronin-bridge.json'), { now: NOW });
    const b = toBundle(fixture('ronin-bridge.json'), { now: NOW, producerName: 'ACME CTI' });
    expect(one(b, 'report').created_by_ref).not.toBe(STIXMILL_IDENTITY.id);
    expect(byType(b, 'identity').map((i) => i.type === 'identity' && i.name)).toEqual(['stixmill', 'ACME CTI']);
    expect(one(b, 'intrusion-set').id).not.toBe(one(a, 'intrusion-set').id);
    expect(one(b, 'cryptocurrency-wallet').id).toBe(one(a, 'cryptocurrency-wallet').id); // SCO ids are universal
  });
});

describe('toBundle relations and skips', () => {
  test('no relations given: no relationships beyond based-on', () => {
    const bundle = toBundle(fixture('tricky-values.json'), { now: NOW });
    const rels = byType(bundle, 'relationship');
    expect(rels.length).toBeGreaterThan(0);
    expect(rels.every((r) => r.type === 'relationship' && r.relationship_type === 'based-on')).toBe(true);
  });

  test('the same thing found twice is one object with pooled evidence and the higher confidence', () => {
    const bundle = toBundle(
      payload([
        finding('a1', 'threat-actor', 'Jin Sung-Il', { confidence: 50, aliases: ['Jin Sung Il'] }),
        finding('a2', 'threat-actor', 'jin sung-il', { confidence: 85, aliases: ['Alex Park'] }),
        finding('d1', 'domain-name', 'a.example'),
        finding('d2', 'domain-name', 'A.example'),
      ]),
      { now: NOW },
    );
    const actor = one(bundle, 'threat-actor');
    expect(byType(bundle, 'threat-actor')).toHaveLength(1);
    expect(actor).toMatchObject({ name: 'Jin Sung-Il', aliases: ['Jin Sung Il', 'Alex Park'], confidence: 85 });
    expect(actor.x_stixmill_evidence).toHaveLength(2);
    expect(byType(bundle, 'domain-name')).toHaveLength(1);
    expect(byType(bundle, 'indicator')).toHaveLength(1);
  });

  test('a state and a city of one name are two locations; a world region keeps its region-ov value', () => {
    const bundle = toBundle(
      payload([
        finding('s', 'location', 'New York', { props: { administrative_area: 'New York', country: 'US' } }),
        finding('c', 'location', 'New York', { props: { city: 'New York', country: 'US' } }),
        finding('c2', 'location', 'New York', { props: { city: 'New York', country: 'US' } }),
        finding('r', 'location', 'Middle East', { props: { region: 'western-asia' } }),
      ]),
      { now: NOW },
    );
    const locations = byType(bundle, 'location');
    expect(locations).toHaveLength(3);
    expect(locations).toContainEqual(
      expect.objectContaining({ name: 'New York', country: 'US', administrative_area: 'New York' }),
    );
    expect(locations).toContainEqual(expect.objectContaining({ name: 'New York', country: 'US', city: 'New York' }));
    expect(locations).toContainEqual(expect.objectContaining({ name: 'Middle East', region: 'western-asia' }));
  });

  test('what cannot be valid STIX is skipped with a reason, and the rest still exports', () => {
    const skipped: Skipped[] = [];
    const bundle = toBundle(
      payload(
        [
          finding('e', 'email-addr', "o'neil@example.com"),
          finding('l', 'location', 'a border town'),
          finding('x', 'file', 'abc', { props: { algorithm: 'CRC32' } }),
          finding('ok', 'ipv4-addr', '203.0.113.9'),
        ],
        [relation('located-at', 'ok', 'l'), relation('related-to', 'ok', 'missing')],
      ),
      { now: NOW, onSkip: (s) => skipped.push(s) },
    );
    expect(skipped.map((s) => s.findingId ?? s.relation?.target)).toEqual(['e', 'l', 'x', 'l', 'missing']);
    expect(skipped[1]?.reason).toMatch(/country/);
    expect(byType(bundle, 'ipv4-addr')).toHaveLength(1);
  });

  test('a document without a date or URL still exports: valid_from and published fall back to now', () => {
    const input = fixture('tricky-values.json');
    const bundle = toBundle(input, { now: NOW });
    expect(one(bundle, 'report')).toMatchObject({ name: 'file:tricky.txt', published: NOW.toISOString() });
    expect(one(bundle, 'report').external_references?.[0]).toMatchObject({
      source_name: 'stixmill',
      description: 'document file:tricky.txt',
    });
    expect(one(bundle, 'indicator').valid_from).toBe(NOW.toISOString());
  });
});

describe('persons are individuals (docs/adr/0004)', () => {
  const person = { kind: 'person' };
  test.each([
    {
      label: 'a person (defendant, facilitator, persona)',
      found: finding('p', 'threat-actor', 'Jin Sung-Il', { props: person }),
      expected: { resource_level: 'individual', threat_actor_types: ['criminal'] },
    },
    {
      label: 'a person whose finding states a type',
      found: finding('p', 'threat-actor', 'Jin Sung-Il', { props: { ...person, threat_actor_type: 'Nation State' } }),
      expected: { resource_level: 'individual', threat_actor_types: ['nation-state'] },
    },
    {
      label: 'a person with a type outside the vocabulary',
      found: finding('p', 'threat-actor', 'Jin Sung-Il', { props: { ...person, threat_actor_type: 'freelancer' } }),
      expected: { resource_level: 'individual', threat_actor_types: ['criminal'] },
    },
    {
      label: 'a threat actor that is no person, with a type',
      found: finding('g', 'threat-actor', 'Laptop Farm Crew', { props: { threat_actor_type: 'crime-syndicate' } }),
      expected: { resource_level: undefined, threat_actor_types: ['crime-syndicate'] },
    },
    {
      label: 'a threat actor that is no person, without a type',
      found: finding('g', 'threat-actor', 'Laptop Farm Crew'),
      expected: { resource_level: undefined, threat_actor_types: undefined },
    },
  ])('$label', ({ found, expected }) => {
    const actor = one(toBundle(payload([found]), { now: NOW }), 'threat-actor');
    expect({ resource_level: actor.resource_level, threat_actor_types: actor.threat_actor_types }).toEqual(expected);
  });

  test('an intrusion set is never an individual', () => {
    const bundle = toBundle(payload([finding('g', 'intrusion-set', 'Famous Chollima', { props: person })]), {
      now: NOW,
    });
    expect(one(bundle, 'intrusion-set')).not.toHaveProperty('resource_level');
  });

  test.each([
    { label: 'first', props: [person, {}] },
    { label: 'second', props: [{}, person] },
  ] satisfies { label: string; props: Finding['props'][] }[])(
    'a person found again without the person kind stays an individual (the person finding $label)',
    ({ props: [first = {}, second = {}] }) => {
      const bundle = toBundle(
        payload([
          finding('a1', 'threat-actor', 'Jin Sung-Il', { props: first }),
          finding('a2', 'threat-actor', 'jin sung-il', { props: second }),
        ]),
        { now: NOW },
      );
      expect(byType(bundle, 'threat-actor')).toHaveLength(1);
      expect(one(bundle, 'threat-actor')).toMatchObject({
        resource_level: 'individual',
        threat_actor_types: ['criminal'],
      });
    },
  );

  test('a persona stays an alias, or its own individual tied to its operator as before', () => {
    const bundle = toBundle(
      payload(
        [
          finding('op', 'threat-actor', 'Jong Pong Ju', { props: person, aliases: ['Jong'] }),
          finding('pa', 'threat-actor', 'Bryan Cho', { props: person }),
        ],
        [relation('attributed-to', 'pa', 'op')],
      ),
      { now: NOW },
    );
    const actor = (name: string) =>
      byType(bundle, 'threat-actor').find((a) => a.type === 'threat-actor' && a.name === name) as Extract<
        Bundle['objects'][number],
        { type: 'threat-actor' }
      >;
    const [operator, persona] = [actor('Jong Pong Ju'), actor('Bryan Cho')];
    expect(operator).toMatchObject({ aliases: ['Jong'], resource_level: 'individual' });
    expect(persona).toMatchObject({ resource_level: 'individual' });
    const tie = byType(bundle, 'relationship').find(
      (r) => r.type === 'relationship' && r.source_ref === persona.id && r.target_ref === operator.id,
    );
    expect(tie).toMatchObject({
      relationship_type: 'related-to',
      description: expect.stringMatching(/^Stated as "attributed-to"/),
    });
  });
});
