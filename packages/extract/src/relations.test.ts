import { describe, expect, test } from 'vitest';
import { extract } from './extract.ts';
import { plainDocument } from './plain-document.ts';

const doc = (text: string) => plainDocument(text, 'file:relations.txt');

/** "type source-value -> target-value" for every relation, with the finding values resolved. */
function stated(text: string): string[] {
  const { findings, relations } = extract(doc(text));
  const value = (id: string) => findings.find((f) => f.id === id)?.value ?? id;
  return relations.map((r) => `${r.type} ${value(r.source)} -> ${value(r.target)}`).sort();
}

describe('relations, one cue at a time', () => {
  test.each([
    {
      cue: 'actor deploys software',
      text: 'In March the Lazarus Group deployed BeaverTail against job seekers.',
      expected: 'uses Lazarus Group -> BeaverTail',
    },
    {
      cue: 'software used by actor (passive)',
      text: 'InvisibleFerret, a Python backdoor used by Lazarus Group, steals browser data.',
      expected: 'uses Lazarus Group -> InvisibleFerret',
    },
    {
      cue: 'a list of software after one verb',
      text: 'Operators of Lazarus Group installed BeaverTail, OtterCookie and InvisibleFerret.',
      expected: 'uses Lazarus Group -> InvisibleFerret',
    },
    {
      cue: 'actor attacks a company',
      text: 'Lazarus Group hacked Quantum Ledger Inc. in 2023.',
      expected: 'targets Lazarus Group -> Quantum Ledger Inc.',
    },
    {
      cue: 'company attacked by actor (passive)',
      text: 'Quantum Ledger Inc. was breached last year by Lazarus Group.',
      expected: 'targets Lazarus Group -> Quantum Ledger Inc.',
    },
    {
      cue: 'actor targets organisations in a country',
      text: 'Kimsuky keeps targeting think tanks and universities in Japan.',
      expected: 'targets Kimsuky -> Japan',
    },
    {
      cue: 'group based in a place',
      text: 'Lazarus Group is based in Pyongyang according to the agencies.',
      expected: 'located-at Lazarus Group -> Pyongyang',
    },
    {
      cue: 'place-based group',
      text: 'The Pyongyang-based Lazarus Group reused the loader.',
      expected: 'located-at Lazarus Group -> Pyongyang',
    },
    {
      cue: 'DOJ "NAME, AGE, of PLACE"',
      text: 'Defendant Harold Greaves, 52, of Texas, hosted the laptops.',
      expected: 'located-at Harold Greaves -> Texas',
    },
    {
      cue: 'citizen of a country',
      text: 'MARKO VELIC, a citizen of Serbia, sold the identities.',
      expected: 'located-at Marko Velic -> Serbia',
    },
    {
      cue: 'persona used by a person',
      text: 'The defendants are Ri Chol Hun and Pae Song Il. “Nathan Brooks” is a fake persona used by Ri Chol Hun on Upwork.',
      expected: 'attributed-to Nathan Brooks -> Ri Chol Hun',
    },
    {
      cue: 'person used the persona (reversed)',
      text: 'Ri Chol Hun (리철훈) used the persona “Nathan Brooks” to apply for jobs.',
      expected: 'attributed-to Nathan Brooks -> Ri Chol Hun',
    },
    {
      cue: 'member working on behalf of a group',
      text: 'Kang Min Ho (강민호), who worked on behalf of the Lazarus Group, moved the funds.',
      expected: 'attributed-to Kang Min Ho -> Lazarus Group',
    },
    {
      cue: 'wallet controlled by an actor',
      text: 'Funds went to 0x52908400098527886E0F7030069857D2E4169EE7, a wallet controlled by Lazarus Group.',
      expected: 'related-to 0x52908400098527886E0F7030069857D2E4169EE7 -> Lazarus Group',
    },
    {
      cue: 'actor registered a domain',
      text: 'Defendant Harold Greaves registered the domain quantum-ledger-careers[.]com in 2022.',
      expected: 'related-to quantum-ledger-careers.com -> Harold Greaves',
    },
    {
      cue: 'possessive before an identifier',
      text: "Investigators named Ri Chol Hun (리철훈); Ri Chol Hun's 0x52908400098527886E0F7030069857D2E4169EE7 took the pay.",
      expected: 'related-to 0x52908400098527886E0F7030069857D2E4169EE7 -> Ri Chol Hun',
    },
    {
      cue: 'identifiers in parentheses after the persona',
      text: 'A third profile, "Nathan Brooks" (GitHub: nbrooks-dev, email nathan.brooks.dev@proton.me) applied too.',
      expected: 'related-to nathan.brooks.dev@proton.me -> Nathan Brooks',
    },
    {
      cue: 'the payout address of a persona',
      text: 'The wallet 0x52908400098527886E0F7030069857D2E4169EE7 is the payout address of a second profile, "Nathan Brooks".',
      expected: 'related-to 0x52908400098527886E0F7030069857D2E4169EE7 -> Nathan Brooks',
    },
    {
      cue: 'a sanctions record line',
      text: 'Individual: PAE, Song Il (Korean: 배송일), Shenyang, China; Digital Currency Address - ETH 0x52908400098527886E0F7030069857D2E4169EE7.',
      expected: 'related-to 0x52908400098527886E0F7030069857D2E4169EE7 -> Pae Song Il',
    },
    {
      cue: 'persona line with its identifiers',
      text: 'Persona 3: OLIVER GRANT  email: oliver.grant.dev@proton.me',
      expected: 'related-to oliver.grant.dev@proton.me -> Oliver Grant',
    },
  ])('$cue', ({ text, expected }) => {
    expect(stated(text)).toContain(expected);
  });

  test.each([
    {
      label: 'two sentences are never joined',
      text: 'Lazarus Group is active again. BeaverTail was seen on npm.',
    },
    {
      label: 'a finding of another kind takes the cue',
      text: 'Lazarus Group and Quantum Ledger Inc. used BeaverTail in a test.',
      not: 'uses Lazarus Group -> BeaverTail',
    },
    {
      label: 'a place named later in the clause is not a target',
      text: 'Kimsuky stole credentials, and the FBI office in Japan responded.',
      not: 'targets Kimsuky -> Japan',
    },
    {
      label: 'a company named after the person owns the place phrase',
      text: 'Ri Chol Hun (리철훈) was hired by a token company based in Serbia.',
      not: 'located-at Ri Chol Hun -> Serbia',
    },
    {
      label: 'a line of prose is no record of the person it names',
      text: 'We saw Ri Chol Hun (리철훈) again. The registrant e-mail is tmp.admin@proton.me per the record.',
      not: 'related-to tmp.admin@proton.me -> Ri Chol Hun',
    },
    {
      label: 'a nationality is no residence cue when nothing says so',
      text: 'Researchers in Japan described Andariel.',
      not: 'located-at Andariel -> Japan',
    },
  ])('no relation: $label', ({ text, not }) => {
    const got = stated(text);
    if (not) expect(got).not.toContain(not);
    else expect(got).toEqual([]);
  });

  test('evidence is the sentence that states it', () => {
    const text = 'Kimsuky is busy. In March the Lazarus Group deployed BeaverTail against job seekers.';
    const { relations } = extract(doc(text));
    expect(relations.map((r) => r.evidence.sentence)).toContain(
      'In March the Lazarus Group deployed BeaverTail against job seekers.',
    );
  });
});
