import { describe, expect, test } from 'vitest';
import { indicatorId, normaliseName, relationshipId, reportId, scoId, sdoId } from './ids.ts';
import { canonicalize } from './jcs.ts';
import { uuidv5 } from './uuid5.ts';

describe('uuidv5', () => {
  test.each([
    // RFC 9562 / Python: uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org')
    {
      namespace: '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
      name: 'python.org',
      expected: '886313e1-3b8a-5372-9b90-0c9aee199e5d',
    },
    // RFC 9562 appendix A.4: www.example.com in the DNS namespace
    {
      namespace: '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
      name: 'www.example.com',
      expected: '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    },
  ])('$name', ({ namespace, name, expected }) => {
    expect(uuidv5(namespace, name)).toBe(expected);
  });
});

describe('canonicalize (RFC 8785)', () => {
  test.each([
    {
      label: 'sorts keys by UTF-16 code units',
      input: { b: 1, a: 2, A: 3, é: 4 },
      expected: '{"A":3,"a":2,"b":1,"é":4}',
    },
    {
      label: 'nested objects and arrays, no whitespace',
      input: { z: [3, { y: true, x: null }] },
      expected: '{"z":[3,{"x":null,"y":true}]}',
    },
    { label: 'numbers as ECMAScript prints them', input: [1.0, 1e21, 0.000001, -0], expected: '[1,1e+21,0.000001,0]' },
    {
      label: 'escapes only what JSON requires',
      input: { s: 'a"b\\c\u0001\u20ac' },
      expected: '{"s":"a\\"b\\\\c\\u0001€"}',
    },
  ])('$label', ({ input, expected }) => {
    expect(canonicalize(input)).toBe(expected);
  });

  test('rejects a number JSON cannot hold', () => {
    expect(() => canonicalize({ n: Number.NaN })).toThrow(/cannot encode/);
  });
});

describe('SCO ids (STIX 2.1 §2.9)', () => {
  test.each([
    {
      type: 'ipv4-addr',
      props: { value: '198.51.100.3' },
      expected: 'ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4',
    },
    {
      type: 'domain-name',
      props: { value: 'example.com' },
      expected: 'domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7',
    },
  ] as const)('$type $props.value', ({ type, props, expected }) => {
    expect(scoId(type, props)).toBe(expected);
  });

  test('only id-contributing properties count', () => {
    const base = scoId('ipv4-addr', { value: '198.51.100.3' });
    expect(scoId('ipv4-addr', { value: '198.51.100.3', object_marking_refs: ['x'], defanged: true })).toBe(base);
  });

  test('of several hashes, MD5 is the one that contributes', () => {
    const md5 = 'd41d8cd98f00b204e9800998ecf8427e';
    const both = scoId('file', { hashes: { 'SHA-256': 'a'.repeat(64), MD5: md5 } });
    expect(both).toBe(scoId('file', { hashes: { MD5: md5 } }));
    expect(both).not.toBe(scoId('file', { hashes: { 'SHA-256': 'a'.repeat(64) } }));
  });

  test('an SCO with no id-contributing property is refused rather than given a random id', () => {
    expect(() => scoId('user-account', { display_name: 'x' })).toThrow(/id-contributing/);
  });
});

describe('SDO, indicator, relationship and report ids', () => {
  const producer = 'identity--c4e634f1-edfc-5688-ba01-975e5a903869';
  const other = 'identity--0b5b5b39-5d7a-5e8b-a6a4-8e1f0b2c9a11';

  test.each([
    ['Lazarus Group', 'lazarus group'],
    ['Lazarus  Group', 'LAZARUS GROUP'],
    ['"Lazarus Group".', 'Ｌａｚａｒｕｓ Group'],
  ])('%s and %s are one object', (a, b) => {
    expect(sdoId('intrusion-set', a, producer)).toBe(sdoId('intrusion-set', b, producer));
  });

  test('type and producer are part of the id', () => {
    const id = sdoId('intrusion-set', 'Lazarus Group', producer);
    expect(id).toMatch(/^intrusion-set--[0-9a-f-]{36}$/);
    expect(sdoId('threat-actor', 'Lazarus Group', producer)).not.toBe(id.replace('intrusion-set', 'threat-actor'));
    expect(sdoId('intrusion-set', 'Lazarus Group', other)).not.toBe(id);
  });

  test('are UUIDv5 and stable', () => {
    const ids = [
      indicatorId("[domain-name:value = 'a.example']", producer),
      relationshipId('uses', 'intrusion-set--1', 'malware--2'),
      reportId('https://a.example/r', 'a'.repeat(64), producer),
    ];
    for (const id of ids) expect(id.split('--')[1]?.[14]).toBe('5');
    expect(indicatorId("[domain-name:value = 'a.example']", producer)).toBe(ids[0]);
    expect(reportId('https://a.example/r', 'b'.repeat(64), producer)).not.toBe(ids[2]);
  });

  test('normaliseName folds case, width and spacing', () => {
    expect(normaliseName('  Famous\u00a0Chollima ')).toBe('famous chollima');
  });
});
