// Every structure rule's own examples and counter-examples, run through the rule engine.
import { describe, expect, test } from 'vitest';
import { findStructured, kindType, STRUCTURE_RULES } from './structure.ts';

// A small stand-in vocabulary so the rules are tested on their own, apart from the catalogues.
const check = {
  known: (name: string) => ['certutil', 'mimikatz', 'rclone', 'thequill'].includes(name.toLowerCase()),
  english: (word: string) =>
    [
      'the',
      'home',
      'remote',
      'cloud',
      'new',
      'before',
      'shell',
      'code',
      'header',
      'crypt',
      'modified',
      'once',
      'summary',
    ].includes(word),
  brand: (word: string) => ['vmware'].includes(word.toLowerCase()),
};

describe.each(STRUCTURE_RULES)('rule $id', (rule) => {
  test.each(rule.examples)('finds in: $text', ({ text, expected }) => {
    const got = findStructured(text, check)
      .filter((h) => h.rule === rule.id)
      .map((h) => [h.type, h.name]);
    expect(got).toEqual(expected);
  });
  test.each(rule.counterExamples)('finds nothing of $notExpected in: $text', ({ text, notExpected }) => {
    const names = findStructured(text, check).map((h) => h.name);
    for (const n of notExpected) expect(names).not.toContain(n);
  });
});

describe('the kind word decides the type', () => {
  test.each([
    { kind: 'banking trojans', type: 'malware' },
    { kind: 'post-exploitation framework', type: 'tool' },
    { kind: 'remote access tool', type: 'tool' },
    { kind: 'ransomware', type: 'malware' },
    { kind: 'threat actors', type: 'intrusion-set' },
  ])('$kind -> $type', ({ kind, type }) => {
    expect(kindType(kind)).toBe(type);
  });

  test('evidence offsets point at each name', () => {
    const text = 'Tools like Mimikatz and Rclone ran.';
    for (const h of findStructured(text, check)) expect(text.slice(h.start, h.end)).toBe(h.name);
  });
});
