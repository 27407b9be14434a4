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
