// Catalogue names in the forms reports write them: other capitals, without the platform or kind
// word the catalogue carries, and English words only where the text makes them a name.
import { describe, expect, test } from 'vitest';
import { extract } from '../extract.ts';
import { plainDocument } from '../plain-document.ts';

const software = (text: string) =>
  extract(plainDocument(text))
    .findings.filter((f) => f.type === 'malware' || f.type === 'tool' || f.type === 'intrusion-set')
    .flatMap((f) => [f.value, ...f.aliases]);

describe('catalogue names in other spellings', () => {
  test.each([
    {
      label: 'capitalised where the catalogue has inner capitals',
      text: 'The second stage was Trickbot again.',
      name: 'TrickBot',
    },
    { label: 'all capitals', text: 'Operators pushed NJRAT to the last host.', name: 'njRAT' },
    {
      label: 'platform qualifier dropped',
      text: 'The affiliate then ran LockBit on the file server.',
      name: 'LockBit',
    },
    { label: 'kind word dropped', text: 'Credentials went to RedLine within minutes.', name: 'RedLine Stealer' },
  ])('$label', ({ text, name }) => {
    expect(software(text)).toContain(name);
  });

  test('a name a dot opens is a platform or an extension, not the catalogue entry', () => {
    expect(software('The loader is a .Net assembly (.NET 4.8).')).not.toContain('Net');
    expect(software('They listed shares with the net command.')).not.toContain('Net');
  });

  test('a name of several words the catalogue capitalises is no name written all in lower case', () => {
    expect(software('It drops a monero miner binary next to the loader.')).not.toContain('Monero Miner');
    expect(software('The operators also ran Cobalt Strike on two hosts.')).toContain('Cobalt Strike');
  });

  test('a catalogue name written in lower case inside a word or path is not taken', () => {
    expect(software('See the trickbot-removal notes at /kb/trickbot.')).not.toContain('TrickBot');
  });
});

describe('catalogue names that are English words', () => {
  test.each([
    { label: 'kind word after it', text: 'Persistence came from the Empire framework on two hosts.', name: 'Empire' },
    { label: 'kind word before it', text: 'Files were encrypted by the ransomware Dharma overnight.', name: 'Dharma' },
  ])('taken: $label', ({ text, name }) => {
    expect(software(text)).toContain(name);
  });

  test.each([
    { label: 'a month', text: 'The group was first seen in August when the malware appeared.', name: 'August' },
    {
      label: 'a word opening a sentence',
      text: 'Leverage over the victim grew as the malware spread.',
      name: 'Leverage',
    },
    { label: 'a word in lower case', text: 'The loader fills a template with the victim name.', name: 'template' },
    {
      label: 'a capitalised word in a sentence about nothing threatening',
      text: 'Their Empire of shops sells Predator figures.',
      name: 'Predator',
    },
  ])('not taken: $label', ({ text, name }) => {
    expect(software(text)).not.toContain(name);
  });
});

describe('short capitalised catalogue names', () => {
  test('a word no dictionary knows is a name without a cue in its sentence', () => {
    expect(software('Operators first sent Emotet to the finance team in May.')).toContain('Emotet');
  });

  test.each([
    { label: 'a given name', text: 'Kevin sent the quarterly figures to the finance team.', name: 'Kevin' },
    { label: 'a city', text: 'Their office in Milan sent the quarterly figures.', name: 'Milan' },
  ])('not taken without a cue: $label', ({ text, name }) => {
    expect(software(text)).not.toContain(name);
  });

  test('a given name is taken where the sentence says it is malware', () => {
    expect(software('Attackers installed the Kevin backdoor on the server.')).toContain('Kevin');
  });
});

describe('one family across catalogues', () => {
  const typed = (text: string) => extract(plainDocument(text)).findings.map((f) => `${f.type}:${f.value}`);

  test('a name two catalogues file under different entries is one malware with the ATT&CK name', () => {
    // MISP's tool galaxy lists "Akbot" with "Qbot" and "Qakbot"; ATT&CK files QakBot as malware.
    const found = typed('The second stage was Qbot, then Akbot again a week later.');
    expect(found).toContain('malware:QakBot');
    expect(found.filter((f) => /akbot/i.test(f))).toEqual(['malware:QakBot']);
  });

  test('a fork a catalogue lists as a synonym stays its own family', () => {
    const found = typed('Affiliates ran DoppelPaymer on one network and BitPaymer on another.');
    expect(found).toContain('malware:DoppelPaymer');
    expect(found).toContain('malware:BitPaymer');
  });
});

describe('a group word after a catalogued malware', () => {
  test('"the TrickBot gang" names the malware\'s operators, not a group called TrickBot', () => {
    const found = extract(plainDocument('The TrickBot gang pushed new modules to its bots.')).findings;
    expect(found.some((f) => f.type === 'intrusion-set' && f.value === 'TrickBot')).toBe(false);
    expect(found.some((f) => f.type === 'malware' && f.value === 'TrickBot')).toBe(true);
  });
});

describe('lower-case tools', () => {
  test.each([
    { label: 'a flag after it', text: 'On each host they typed netstat -ano and waited.', name: 'netstat' },
    { label: 'the sentence runs it', text: 'The operators used certutil to fetch the second stage.', name: 'certutil' },
  ])('taken: $label', ({ text, name }) => {
    expect(software(text)).toContain(name);
  });

  test('not taken where nothing runs it', () => {
    expect(software('A table of netstat fields is in the appendix.')).not.toContain('netstat');
  });

  test('a name before its kind word is also known with it ("the Coak crypter")', () => {
    const found = extract(plainDocument('Samples were packed with the Zorvax crypter before delivery.')).findings;
    expect(found.find((f) => f.value === 'Zorvax')?.aliases).toContain('Zorvax crypter');
  });
});
