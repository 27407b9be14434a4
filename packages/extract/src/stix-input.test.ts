// A STIX bundle as input: its objects taken as they are (the text is the parser's flattened
// JSON, `objects[N].prop: value`), never read as prose.
import { describe, expect, test } from 'vitest';
import { extract } from './extract.ts';
import { plainDocument } from './plain-document.ts';

const bundle = [
  'type: bundle',
  'id: bundle--2f1c8f3e-5d0b-4d39-9f4e-2b1a0c6e7d11',
  'objects[0].type: indicator',
  'objects[0].id: indicator--aa5e8d2b-0a4f-4f0c-8a8b-6f2c1d3e4b5a',
  "objects[0].pattern: [domain-name:value = 'relay-sync-cdn.net'] OR [ipv4-addr:value = '45.61.12.7']",
  'objects[1].type: malware',
  'objects[1].id: malware--0c4d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f',
  'objects[1].name: Quillgate',
  'objects[1].aliases[0]: QuillLoader',
  'objects[2].type: intrusion-set',
  'objects[2].id: intrusion-set--1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a',
  'objects[2].name: Lanternfish Spider',
  'objects[3].type: relationship',
  'objects[3].relationship_type: uses',
  'objects[3].source_ref: intrusion-set--1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a',
  'objects[3].target_ref: malware--0c4d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f',
  'objects[4].type: file',
  'objects[4].hashes.SHA-256: 5f4b9e0c3a71d2e8b6c09a4f1e37d8525f4b9e0c3a71d2e8b6c09a4f1e37d852',
  'objects[5].type: identity',
  'objects[5].name: stixmill',
  'objects[5].identity_class: system',
  'objects[6].type: note',
  'objects[6].content: A note that names evil-elsewhere.com in prose.',
].join('\n');

describe('a STIX bundle as input', () => {
  const result = extract(plainDocument(bundle));
  const found = result.findings.map((f) => `${f.type}|${f.value}`);

  test("indicators' pattern comparisons, SCOs and named SDOs are taken as they are", () => {
    expect(found).toEqual(
      expect.arrayContaining([
        'domain-name|relay-sync-cdn.net',
        'ipv4-addr|45.61.12.7',
        'malware|Quillgate',
        'intrusion-set|Lanternfish Spider',
        'file|5f4b9e0c3a71d2e8b6c09a4f1e37d8525f4b9e0c3a71d2e8b6c09a4f1e37d852',
      ]),
    );
    expect(result.findings.find((f) => f.value === 'Quillgate')?.aliases).toEqual(['QuillLoader']);
  });

  test('relationships between taken objects are kept', () => {
    expect(result.relations.map((r) => `${r.type}|${r.source}|${r.target}`)).toContain(
      'uses|intrusion-set:Lanternfish Spider|malware:Quillgate',
    );
  });

  test('nothing is read from prose, ids or the producer', () => {
    expect(found.some((f) => f.includes('evil-elsewhere.com'))).toBe(false);
    expect(found.some((f) => f.endsWith('|stixmill'))).toBe(false);
    expect(found.some((f) => f.includes('bundle--'))).toBe(false);
  });

  test('JSON that is no bundle is read as usual', () => {
    const other = extract(plainDocument('type: report\nindicators[0].value: relay-sync-cdn.net')).findings;
    expect(other.map((f) => f.value)).toContain('relay-sync-cdn.net');
  });
});
