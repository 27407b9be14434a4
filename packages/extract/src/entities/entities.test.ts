import { describe, expect, test } from 'vitest';
import { extract } from '../extract.ts';
import { plainDocument } from '../plain-document.ts';

const named = (text: string, type: string) =>
  extract(plainDocument(text))
    .findings.filter((f) => f.type === type)
    .map((f) => f.value);

// One rule per row, each on a sentence written for the test.
describe('entity rules', () => {
  test.each([
    {
      rule: 'victim: stole ... from X',
      text: 'The crew stole $41 million from Kestrel Markets in a single night.',
      type: 'identity',
      expected: 'Kestrel Markets',
    },
    {
      rule: 'victim: X, a cryptocurrency exchange',
      text: 'Withdrawals froze at Kestrel, a cryptocurrency exchange in Seoul, on Friday.',
      type: 'identity',
      expected: 'Kestrel',
    },
    {
      rule: 'victim: from the exchange X',
      text: 'They drained the hot wallet of funds taken from the derivatives exchange Kestrel last spring.',
      type: 'identity',
      expected: 'Kestrel',
    },
    {
      rule: 'victim: the victim company X',
      text: 'Logs from the victim company Larkspur showed the intrusion.',
      type: 'identity',
      expected: 'Larkspur',
    },
    {
      rule: 'front company opening a clause',
      text: 'Notes follow. Harbor Peak Solutions was registered in 2019 as a Dalian-based front to pay the workers.',
      type: 'identity',
      expected: 'Harbor Peak Solutions',
    },
    {
      rule: 'front company named after the cue',
      text: 'Payments went through the front company Tidewater Digital before reaching Pyongyang.',
      type: 'identity',
      expected: 'Tidewater Digital',
    },
    {
      rule: 'upper-case ministry in a sanctions entry',
      text: 'Entity: EXAMPLE TRADING CO. (Linked To: MINISTRY OF STATE SECURITY).',
      type: 'identity',
      expected: 'Ministry of State Security',
    },
    {
      rule: 'sanctions name with a two-letter given name',
      text: 'Individuals:\n  PAK, Se Ri; nationality Korea, North (individual) [DPRK3].',
      type: 'threat-actor',
      expected: 'Pak Se Ri',
    },
    {
      rule: 'native-script name in parentheses',
      text: 'The defendant Ri Chol Hun (리철훈) opened the accounts.',
      type: 'threat-actor',
      expected: 'Ri Chol Hun',
    },
    {
      rule: 'name, dash, quoted alias',
      text: 'Co-workers of note:\n - Pae Song Il -- "Victor Lang", onboarded in 2022',
      type: 'threat-actor',
      expected: 'Pae Song Il',
    },
    {
      rule: 'a table row under a header: the name starts the row',
      text: 'Persona | Handles | Wallets\nNora Vance (also "nv-dev77"); applied in 2023 | GitHub: nv-dev77',
      type: 'threat-actor',
      expected: 'Nora Vance',
    },
    {
      rule: 'quoted persona followed by what it is',
      text: '“Nathan Brooks” was a fictitious persona on three freelance sites.',
      type: 'threat-actor',
      expected: 'Nathan Brooks',
    },
    {
      rule: 'malware: a backdoor called X',
      text: 'The second stage is a backdoor called GhostPipe that talks to Dropbox.',
      type: 'malware',
      expected: 'GhostPipe',
    },
    {
      rule: 'malware: we call it X',
      text: 'A tiny loader (we call it **QuillDrop**) fetches the next stage.',
      type: 'malware',
      expected: 'QuillDrop',
    },
    {
      rule: 'malware: the X malware',
      text: 'Victims then ran the ShadowLoom malware from a fake update.',
      type: 'malware',
      expected: 'ShadowLoom',
    },
    {
      rule: 'campaign: Operation X',
      text: 'Operation Silent Rook ran from 2021 to 2023.',
      type: 'campaign',
      expected: 'Operation Silent Rook',
    },
    {
      rule: 'campaign: the X campaign',
      text: 'Researchers linked the Dream Harvest campaign to the same wallets.',
      type: 'campaign',
      expected: 'Dream Harvest',
    },
    {
      rule: 'city and state in DOJ style',
      text: 'Defendant Harold Greaves, 52, of Round Rock, Texas, hosted laptops at home.',
      type: 'location',
      expected: 'Round Rock',
    },
    {
      rule: 'a DAO or network keeps its suffix',
      text: 'Two of the keys belonged to the Larkspur DAO.',
      type: 'identity',
      expected: 'Larkspur DAO',
    },
    {
      rule: 'a one-word catalogue name with a cue',
      text: 'The operators deployed the Milan backdoor on two servers.',
      type: 'malware',
      expected: 'Milan',
    },
    {
      rule: 'a place before "-based"',
      text: 'A Shenyang-based broker paid the developers.',
      type: 'location',
      expected: 'Shenyang',
    },
    {
      rule: 'a dotted country form before a noun ("U.S. firms")',
      text: 'The crew took contracts from U.S. firms through borrowed identities.',
      type: 'location',
      expected: 'United States',
    },
    {
      rule: 'a numbered persona with its name in quotes',
      text: 'Persona #3: "Lena Ortiz", says she hires for a fintech in Lisbon.',
      type: 'threat-actor',
      expected: 'Lena Ortiz',
    },
    {
      rule: 'a self-given name in quotes',
      text: 'The recruiter calls himself "Dan Reyes" and moves every chat to Signal.',
      type: 'threat-actor',
      expected: 'Dan Reyes',
    },
    {
      rule: 'victim: an incident named after it (the X theft)',
      text: 'Weeks before the Kestrel Markets theft the same wallets were funded.',
      type: 'identity',
      expected: 'Kestrel Markets',
    },
    {
      rule: 'victim: they breached X',
      text: 'In 2021 the operators breached Tidewater and pivoted to its customers.',
      type: 'identity',
      expected: 'Tidewater',
    },
    {
      rule: 'victim: X, a service provider',
      text: 'The first hop was Tidewater, a payroll-as-a-service provider in Ohio.',
      type: 'identity',
      expected: 'Tidewater',
    },
    {
      rule: 'victim: an engineer at the company X',
      text: 'A fake recruiter messaged an engineer at the custody-software company Quillon last May.',
      type: 'identity',
      expected: 'Quillon',
    },
    {
      rule: 'victim: a lure used on the X engineer',
      text: 'The same coding test was used on the Larkspur engineer in March.',
      type: 'identity',
      expected: 'Larkspur',
    },
    {
      rule: 'front: a firm whose name is given in quotes',
      text: 'She claimed to hire for a firm she calls "Larkspur Talent Partners" in Osaka.',
      type: 'identity',
      expected: 'Larkspur Talent Partners',
    },
    {
      rule: 'front: a list after "shell companies ...:" keeps names without a legal form',
      text: 'They ran two shell companies posing as agencies: Quillon Agency and Tidewater Staffing.',
      type: 'identity',
      expected: 'Quillon Agency',
    },
    {
      rule: 'a sanctions entry under a heading: the heading is not part of the name',
      text: 'Organisations\n\nLARKSPUR LLC (a.k.a. OOO LARKSPUR), Kazan, Russia.',
      type: 'identity',
      expected: 'Larkspur LLC',
    },
    {
      rule: 'a mixed-case name with capitals keeps its case',
      text: 'Payments were routed through Quill ABX LLC and its bank account.',
      type: 'identity',
      expected: 'Quill ABX LLC',
    },
    {
      rule: 'one laptop farm is infrastructure',
      text: 'She kept the laptop farm running in her garage in Mesa.',
      type: 'infrastructure',
      expected: 'laptop farm',
    },
    {
      rule: 'victim: the operator of a drained bridge',
      text: 'Funds were drained from the token bridge run by Quillon Games for its card game.',
      type: 'identity',
      expected: 'Quillon Games',
    },
    {
      rule: 'the siblings of a person in a dashed list are people',
      text: 'How it maps to the case:\n - Park Min Ho -- hired in 2021 by a Lisbon firm\n - Jong Pong Ju -- "Bryan Cho", hired by a token firm\n',
      type: 'threat-actor',
      expected: 'Park Min Ho',
    },
    {
      rule: 'the siblings of a person in a list whose bullets were dropped',
      text: 'How it maps to the case:\n\nPark Min Ho -- hired in 2021 by a Lisbon firm\n\nJong Pong Ju -- "Bryan Cho", hired by a token firm\n',
      type: 'threat-actor',
      expected: 'Park Min Ho',
    },
    {
      rule: 'IT workers the DPRK is said to send abroad',
      text: 'The Democratic People\'s Republic of Korea ("DPRK") sends information technology ("IT") workers to China and Laos.',
      type: 'threat-actor',
      expected: 'DPRK IT workers',
    },
  ])('$rule', ({ text, type, expected }) => {
    expect(named(text, type)).toContain(expected);
  });

  test.each([
    {
      rule: 'a language before "backdoor" is no family name',
      text: 'It drops the Python backdoor and a Windows loader.',
      type: 'malware',
      not: 'Python',
    },
    {
      rule: "a one-word catalogue name inside a person's name",
      text: 'The backdoor operator Milan Horvat (also "Patrick Kishi") rented the servers.',
      type: 'malware',
      not: 'Milan',
    },
    {
      rule: 'a court district is a jurisdiction, not a place of the adversary',
      text: 'The case was filed in the Northern District of Georgia last week.',
      type: 'location',
      not: 'Georgia',
    },
    {
      rule: 'a footer listing U.S. states',
      text: 'Field offices: Alabama Alaska Arizona Arkansas California Colorado',
      type: 'location',
      not: 'Arizona',
    },
    {
      rule: 'an alias given for a person is not a second person',
      text: 'Oliver Kang (also "Victor Lang") applied. Later, "Victor Lang" was a fake persona on Upwork.',
      type: 'threat-actor',
      not: 'Victor Lang',
    },
    {
      rule: "a country heading an institution's name",
      text: 'A notice from the Canada Department of Finance was posted today.',
      type: 'location',
      not: 'Canada',
    },
    {
      rule: 'a month naming an incident is no victim',
      text: 'The March hack used the same loader.',
      type: 'identity',
      not: 'March',
    },
    {
      rule: 'a quoted persona after "company where" is no firm',
      text: 'It is the company where the "Lena Ortiz" persona was given a mailbox.',
      type: 'identity',
      not: 'Lena Ortiz',
    },
    {
      rule: 'no heading glued onto the name below it',
      text: 'Organisations\n\nLARKSPUR LLC (a.k.a. OOO LARKSPUR), Kazan, Russia.',
      type: 'identity',
      not: 'Organisations LARKSPUR LLC',
    },
    {
      rule: 'no title-cased tail of a mixed-case name',
      text: 'Payments were routed through Quill ABX LLC and its bank account.',
      type: 'identity',
      not: 'Abx LLC',
    },
    {
      rule: 'a name in a further-reading section is a cited title',
      text: 'The crew used a new loader.\n\n## Further reading\n\n- Our older post: [Ryuk ransomware, revisited](https://blog.example.org/posts/ryuk)',
      type: 'malware',
      not: 'Ryuk',
    },
    {
      rule: 'laptop farms in the plural are the practice, not one farm',
      text: 'Agents searched 12 suspected laptop farms in nine states.',
      type: 'infrastructure',
      not: 'laptop farm',
    },
    {
      rule: 'a dashed list with no person in it names no one',
      text: 'Notes:\n - Harbor Peak -- registered in 2019\n - Silver Lake -- registered in 2020\n',
      type: 'threat-actor',
      not: 'Harbor Peak',
    },
    {
      rule: 'capitals cut out of accented words are no name',
      text: 'The victim opened an attachment named “BẢN ĐĂNG KY THAM GIA HỘI NGHỊ 2019” last spring.',
      type: 'threat-actor',
      not: 'Ky Tham Gia',
    },
    {
      rule: 'capitals cut out of words with combining accents are no name',
      text: 'The victim opened an attachment named “BA\u0309N DANG KY THAM GIA\u0301 HO\u0302\u0323I 2019” last spring.',
      type: 'threat-actor',
      not: 'Dang Ky Tham Gia',
    },
    {
      rule: "a locale's region code is no place",
      text: 'The beacon sends the header locale en_US and the header Accept-Language: en-US,en;q=0.5 on every request.',
      type: 'location',
      not: 'United States',
    },
  ])('not: $rule', ({ text, type, not }) => {
    expect(named(text, type)).not.toContain(not);
  });

  test('a link title to an earlier post is no entity; the same name in prose is', () => {
    const text = 'The crew used the Ryuk ransomware.\n\nPrevious posts: Notes on Maui ransomware · Inside a loader';
    const title = 'Notes on Maui ransomware';
    const at = text.indexOf(title);
    const doc = {
      ...plainDocument(text),
      links: [
        {
          href: 'https://blog.example.org/posts/maui-notes',
          text: title,
          role: 'in-body' as const,
          start: at,
          end: at + title.length,
        },
      ],
    };
    const malware = extract(doc)
      .findings.filter((f) => f.type === 'malware')
      .map((f) => f.value);
    expect(malware).toContain('Ryuk');
    expect(malware.filter((m) => m.includes('Maui'))).toEqual([]);
  });
});
