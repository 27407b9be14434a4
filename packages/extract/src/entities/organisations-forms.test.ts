// Organisations the head noun names (no legal form needed), numbered and ordinal units, and a
// legal form written first; with the generic phrases that must stay out.
import { describe, expect, test } from 'vitest';
import { extract } from '../extract.ts';
import { plainDocument } from '../plain-document.ts';

const organisations = (text: string) =>
  extract(plainDocument(text))
    .findings.filter((f) => f.type === 'identity')
    .map((f) => f.value);

describe('organisations by form', () => {
  test.each([
    { label: 'a bank', text: 'The proceeds moved through Daesong Credit Bank last year.', name: 'Daesong Credit Bank' },
    {
      label: 'a university',
      text: 'Two of them studied at Hamhung Chemical University before.',
      name: 'Hamhung Chemical University',
    },
    {
      label: 'an institute of something',
      text: 'Staff of the Kaesong Institute of Robotics wrote it.',
      name: 'Kaesong Institute of Robotics',
    },
    { label: 'a numbered unit', text: 'The team belongs to Unit 415 of the army.', name: 'Unit 415' },
    {
      label: 'an ordinal research centre',
      text: 'The Seventh Research Center ran the servers.',
      name: 'Seventh Research Center',
    },
    {
      label: 'a legal form written first',
      text: 'Payments went to LIMITED LIABILITY COMPANY ORION TIMBER GROUP in Vladivostok.',
      name: 'Limited Liability Company Orion Timber Group',
    },
  ])('$label', ({ text, name }) => {
    expect(organisations(text)).toContain(name);
  });

  test.each([
    { label: 'a generic national body', text: 'The National Bank raised rates again.' },
    { label: 'a capitalised phrase opening a sentence', text: 'The Bank said nothing about it.' },
  ])('none: $label', ({ text }) => {
    expect(organisations(text)).toEqual([]);
  });

  test('a name that opens a longer organisation name is that organisation', () => {
    const got = organisations(
      'Orion Timber Network hired them. The Orion Timber Network Supply Co. Ltd. paid the workers.',
    );
    expect(got).toContain('Orion Timber Network Supply Co. Ltd.');
    expect(got).not.toContain('Orion Timber Network');
  });
});
