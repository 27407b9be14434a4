// A role word binds the names it governs, and a quoted name is a persona only where someone
// presents themself by it: the same words one clause away must not make anyone a person.
import { describe, expect, test } from 'vitest';
import { extract } from '../extract.ts';
import { plainDocument } from '../plain-document.ts';

const people = (text: string) =>
  extract(plainDocument(text))
    .findings.filter((f) => f.type === 'threat-actor' && f.props.kind === 'person')
    .map((f) => f.value);

describe('role words bind the list that follows them', () => {
  test.each([
    {
      label: 'a list after "defendants are"',
      text: 'The defendants are Tomas Vell, Arno Pike and Leda Sarn.',
      names: ['Tomas Vell', 'Arno Pike', 'Leda Sarn'],
    },
    {
      label: 'ages and an alias between the names',
      text: 'Prosecutors charged Tomas Vell, 41, a/k/a "Tom," and Arno Pike, 39, with wire fraud.',
      names: ['Tomas Vell', 'Arno Pike'],
    },
    {
      label: 'a colon and a nationality before the list',
      text: 'The indictment names three North Korean nationals: Ri Song Chol, Kang Il Ho and Pak Mi Ran.',
      names: ['Ri Song Chol', 'Kang Il Ho', 'Pak Mi Ran'],
    },
  ])('$label', ({ text, names }) => {
    expect(people(text)).toEqual(expect.arrayContaining(names));
  });

  test.each([
    {
      label: 'a capitalised pair later in the sentence',
      text: 'He was sentenced in March after a hearing where the Windows Restart Manager logs were shown.',
    },
    {
      label: 'a headline after "charged"',
      text: 'Seven hackers charged in connection with Intrusion Campaigns Against More Than 100 Victims Globally.',
    },
    { label: 'an onlooker "named"', text: 'An activist named Oren Halvey posted the leaked files.' },
    { label: 'a file "named"', text: 'The loader drops a library named Update Helper into the folder.' },
  ])('no person: $label', ({ text }) => {
    expect(people(text)).toEqual([]);
  });
});

describe('quoted names', () => {
  test('someone posing as a quoted name makes it a persona', () => {
    expect(people('The operator spent months posing as "Dana Reyes" on recruiting sites.')).toContain('Dana Reyes');
  });

  test.each([
    { label: 'a file saved as', text: 'The macro saved the document as "Invoice Copy" before running it.' },
    { label: 'a folder called', text: 'It creates a folder called "System Cache" on every drive.' },
  ])('no person: $label', ({ text }) => {
    expect(people(text)).toEqual([]);
  });
});

describe('names in every form', () => {
  test.each([
    {
      label: 'surname in capitals before the given name',
      text: 'A grand jury indicted KANG Il Ho, 38, and RI Song-chol, 41, for the scheme.',
      names: ['Kang Il Ho', 'Ri Song-chol'],
    },
    {
      label: 'McCune-Reischauer apostrophes and one-letter surnames',
      text: "The defendants are Ch'oe Song-il and O Myong-su, both North Korean nationals.",
      names: ["Ch'oe Song-il", 'O Myong-su'],
    },
    {
      label: 'a person with an age and a home town',
      text: 'Dana Whitlock, 47, of Mesa, Arizona, pleaded guilty on Tuesday.',
      names: ['Dana Whitlock'],
    },
    {
      label: 'an appositive that says what the person is',
      text: 'U Song-min, a North Korean IT worker, used stolen identities.',
      names: ['U Song-min'],
    },
  ])('$label', ({ text, names }) => {
    expect(people(text)).toEqual(expect.arrayContaining(names));
  });

  test("a role word after a caption's aliases is no alias", () => {
    const found = extract(
      plainDocument('UNITED STATES OF AMERICA v. PAK SONG MIN, a/k/a "Ray Pak," Defendant.'),
    ).findings;
    const pak = found.find((f) => f.value === 'Pak Song Min');
    expect(pak?.aliases).toContain('Ray Pak');
    expect(pak?.aliases).not.toContain('Defendant');
  });

  test('an official named with an age-less title is no person', () => {
    expect(people('Assistant Attorney General Dana Whitlock said the case shows the risk.')).toEqual([]);
  });
});

describe('a cue before words that read as no name', () => {
  test.each([
    {
      label: 'a product after "also used by"',
      text: 'The locker stops services through the Windows Restart Manager also used by other ransomware.',
      name: 'Windows Restart Manager',
    },
    {
      label: 'a tool after "also has"',
      text: 'Besides discovery, Cobalt Strike Beacon also has the capability to elevate privileges.',
      name: 'Cobalt Strike Beacon',
    },
    {
      label: 'labels in capitals after a comma, as a sanctions entry would be',
      text: 'The group is also known as TEMP, Periscope or Kryptonite Panda.',
      name: 'Temp Periscope',
    },
  ])('not a person: $label', ({ text, name }) => {
    expect(people(text)).not.toContain(name);
  });

  test.each([
    { text: 'SIM, Hyon Sop was designated for moving funds.', name: 'Sim Hyon Sop' },
    { text: 'Tomas Vell, also known as "Bill Marsh", paid the workers.', name: 'Tomas Vell' },
  ])('romanised and English names stay people: $name', ({ text, name }) => {
    expect(people(text)).toContain(name);
  });
});
