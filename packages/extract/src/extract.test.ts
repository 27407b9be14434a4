import type { Finding, ParsedDocument } from '@stixmill/contracts';
import { Findings } from '@stixmill/contracts';
import { describe, expect, test } from 'vitest';
import { extract } from './extract.ts';

function doc(text: string, extra: Partial<ParsedDocument> = {}): ParsedDocument {
  return {
    meta: { source: 'file:test.txt', contentType: 'text/plain', sha256: '0'.repeat(64), ...(extra.meta ?? {}) },
    text,
    blocks: [{ kind: 'paragraph', start: 0, end: text.length }],
    links: extra.links ?? [],
  };
}

const values = (text: string, type: string, extra: Partial<ParsedDocument> = {}) =>
  extract(doc(text, extra))
    .findings.filter((f) => f.type === type)
    .map((f) => f.value);

describe('indicators', () => {
  test.each([
    {
      label: 'defanged domain',
      text: 'The C2 domain was evil-updates[.]com.',
      type: 'domain-name',
      expected: ['evil-updates.com'],
    },
    {
      label: 'defanged URL and its host',
      text: 'Payload: hxxps[:]//cdn.evil-updates[.]com/p.bin',
      type: 'url',
      expected: ['https://cdn.evil-updates.com/p.bin'],
    },
    {
      label: 'IPv4 with port',
      text: 'Beacon to 103.125.219[.]119:81 observed.',
      type: 'ipv4-addr',
      expected: ['103.125.219.119'],
    },
    { label: 'CIDR range', text: 'Hosting range 95.130.8.0/21 used.', type: 'ipv4-addr', expected: ['95.130.8.0/21'] },
    {
      label: 'IPv6',
      text: 'C2 at 2a03:b0c0:3:d0::1a51:c001 seen.',
      type: 'ipv6-addr',
      expected: ['2a03:b0c0:3:d0::1a51:c001'],
    },
    {
      label: 'e-mail, lower-cased',
      text: 'Recruiter: Maria.Sam[@]gmail[.]com',
      type: 'email-addr',
      expected: ['maria.sam@gmail.com'],
    },
    {
      label: 'CVE',
      text: 'They exploited cve-2023-4966 in NetScaler.',
      type: 'vulnerability',
      expected: ['CVE-2023-4966'],
    },
    { label: 'ASN', text: 'Announced by AS196689 (Digicube).', type: 'autonomous-system', expected: ['196689'] },
    {
      label: 'MAC with a label',
      text: 'Laptop MAC address 00:1A:2B:3C:4D:5E',
      type: 'mac-addr',
      expected: ['00:1a:2b:3c:4d:5e'],
    },
    {
      label: 'labelled phone',
      text: 'Persona phone: +1 415 555 0199',
      type: 'phone-number',
      expected: ['+1 415 555 0199'],
    },
    {
      label: 'GitHub handles with older account',
      text: '- GitHub: atroboj  (older account: bugarnet, active 2021)',
      type: 'user-account',
      expected: ['atroboj', 'bugarnet'],
    },
    { label: 'Telegram handle', text: 'Telegram: @ETHFuji', type: 'user-account', expected: ['ETHFuji'] },
    {
      label: 'parenthetical alternates without a colon',
      text: 'GitHub: quietfox-dev (also qfox-22, quietfox-old)',
      type: 'user-account',
      expected: ['quietfox-dev', 'qfox-22', 'quietfox-old'],
    },
    {
      label: 'a compound label',
      text: 'GitHub/npm profile: lanternfish-bot',
      type: 'user-account',
      expected: ['lanternfish-bot'],
    },
    {
      label: 'a Tox ID',
      text: 'Contact over Tox ID: 7E5C2B1A9F3D4E6C8B0A1F2E3D4C5B6A7E8F9A0B1C2D3E4F5A6B7C8D9E0F1A2B3C4D5E6F7A8B only.',
      type: 'user-account',
      expected: ['7E5C2B1A9F3D4E6C8B0A1F2E3D4C5B6A7E8F9A0B1C2D3E4F5A6B7C8D9E0F1A2B3C4D5E6F7A8B'],
    },
    {
      label: 'the host of a WebDAV path',
      text: 'The loader mapped \\\\files-sync-cdn.net@SSL@443\\share\\a.dll as a drive.',
      type: 'domain-name',
      expected: ['files-sync-cdn.net'],
    },
    {
      label: 'a handle before the next label on the line',
      text: 'Ana Petrovic | GitHub: quietfox Telegram: qfox_91 | x',
      type: 'user-account',
      expected: ['quietfox', 'qfox_91'],
    },
    {
      label: 'a handle in a line that mentions references (a job reference, not a citation)',
      text: 'b) a fourth profile (GitHub: lumen-dev77) c) each persona gave references for the others',
      type: 'user-account',
      expected: ['lumen-dev77'],
    },
    {
      label: 'URLs on one line: each ends where the next begins',
      text: 'hxxps://files.evil-host[.]com/a.xls?dn=Report.xls hxxps://files.evil-host[.]com/b.xls?dn=Plan.xls',
      type: 'url',
      expected: ['https://files.evil-host.com/a.xls?dn=Report.xls', 'https://files.evil-host.com/b.xls?dn=Plan.xls'],
    },
    {
      label: 'a profile URL after the label: the handle, not the host',
      text: '- GitHub account: github.com/alexkim-codes',
      type: 'user-account',
      expected: ['alexkim-codes'],
    },
  ])('$label', ({ text, type, expected }) => {
    expect(values(text, type)).toEqual(expected);
  });

  test.each([
    { label: 'MD5', hash: '5f4b9e0c3a71d2e8b6c09a4f1e37d852', algorithm: 'MD5' },
    { label: 'SHA-1', hash: 'D7AA4DF7EFE9AC8355DA24DC79791B07E2A35686', algorithm: 'SHA-1' },
    {
      label: 'SHA-256',
      hash: 'e58864cc22cd8ec17ae35dd810455d604aadab7c3f145b6c53b3c261855a4bb1',
      algorithm: 'SHA-256',
    },
  ])('hash $label', ({ hash, algorithm }) => {
    const f = extract(doc(`Sample: ${hash}`)).findings.find((x) => x.type === 'file');
    expect(f?.value).toBe(hash.toLowerCase());
    expect(f?.props.algorithm).toBe(algorithm);
  });

  test.each([
    { label: 'version number', text: 'Upgrade to version 7.14.2.9 now.' },
    { label: 'file names', text: 'It drops invoice.pdf, main.py and script.js, then runs index.js.' },
    { label: 'amounts and dates', text: 'They stole $1,234.56 on 2024.05.16 and 25.5M USDC.' },
    { label: 'legal citation', text: 'Charged under 18 U.S.C. 1349 and 18 U.S.C. § 1956(h).' },
    { label: 'example domains', text: 'See https://example.com/x and mail admin@example.org, host 192.0.2.10.' },
    { label: 'free-mail provider alone', text: 'The domain gmail.com hosts the persona mailbox.' },
    { label: 'transaction hash', text: 'tx 0x46deef0f52e3a983b67abf4714448a41dd7ffd6d32d32da69d62081c68ad7882' },
    { label: 'victim wallet', text: '0xc2f103ce223dae119d04892d412d3484f8dcec1f - Victim' },
    { label: 'SSH fingerprint', text: 'SSH fingerprint 80:19:eb:c8:80:a1:c6:ea:ea:37:ba:c0:26:c6:7f:61' },
    { label: 'the MD5 of an empty file', text: 'Dropped file (MD5): d41d8cd98f00b204e9800998ecf8427e' },
    { label: 'a public DNS resolver', text: 'The implant checks connectivity against 8.8.8.8 first.' },
    { label: 'a popular site', text: 'The implant checks connectivity with a request to microsoft.com.' },
    {
      label: 'share link',
      text: 'Share: https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fwww.justice.gov%2Fx',
    },
    { label: 'platform alone', text: 'These scams abuse telegra[.]ph and graph[.]org.' },
    {
      label: 'reference to another report',
      text: 'Background reading: https://news.example-vendor.io/blog/posts/lazarus-report',
    },
    {
      label: 'markdown citation',
      text: 'It was seen [several times](https://unit42.paloaltonetworks.com/tracking-kerrdown/) before.',
    },
  ])('no indicator: $label', ({ text }) => {
    const observables = extract(doc(text)).findings.filter(
      (f) =>
        ![
          'attack-pattern',
          'location',
          'identity',
          'threat-actor',
          'intrusion-set',
          'tool',
          'malware',
          'campaign',
          'infrastructure',
        ].includes(f.type),
    );
    expect(observables.map((f) => `${f.type}:${f.value}`)).toEqual([]);
  });

  test('the publisher site, its links and contacts are not indicators', () => {
    const text =
      'Questions? Mail research@harrowgate-labs.com or see https://harrowgate-labs.com/blog/x and portal.harrowgate-labs.com. C2: evil-c2[.]net';
    const found = extract(
      doc(text, {
        meta: { source: 'x', contentType: 'text/html', sha256: '0'.repeat(64), site: 'harrowgate-labs.com' },
      }),
    ).findings.map((f) => f.value);
    expect(found).toContain('evil-c2.net');
    expect(found.filter((v) => v.includes('harrowgate'))).toEqual([]);
  });

  test('links the parser marked as navigation or share are not indicators', () => {
    const text = 'Home twitter.com Contact. The actor used bad-host.net.';
    const links = [{ href: 'https://twitter.com/NDGAnews', text: 'twitter.com', role: 'share' as const }];
    const found = values(text, 'domain-name', { links });
    expect(found).toEqual(['bad-host.net']);
  });

  test('wallets carry their chain', () => {
    const f = extract(
      doc('Theft: 0xb3c9effe909a737621b929600c6bd1e5a62f43c5 and bc1qf5x4jag30mzny7nvthapnefrhf5qx6j0w7a2cs'),
    ).findings;
    expect(f.filter((x) => x.type === 'cryptocurrency-wallet').map((x) => x.props.chain)).toEqual(['ETH', 'BTC']);
  });

  test('evidence spans point into the original text and the output passes the contract', () => {
    const text = 'The loader calls hxxps[:]//ip-check-api[.]vercel[.]app/api/ipcheck/703 first.';
    const result = extract(doc(text));
    expect(Findings.safeParse(result).success).toBe(true);
    const url = result.findings.find((f) => f.type === 'url') as Finding;
    const ev = url.evidence[0];
    expect(text.slice(ev?.start, ev?.end)).toBe('hxxps[:]//ip-check-api[.]vercel[.]app/api/ipcheck/703');
    expect(new Set(result.findings.map((f) => f.id)).size).toBe(result.findings.length);
  });
});

describe('entities', () => {
  const find = (text: string, type: string, value: string) =>
    extract(doc(text)).findings.find((f) => f.type === type && (f.value === value || f.aliases.includes(value)));

  test('Jasper Sleet resolves to the cluster that holds Famous Chollima', () => {
    const f = find('Microsoft tracks the IT workers as Jasper Sleet.', 'intrusion-set', 'Jasper Sleet');
    expect(f?.aliases).toContain('Famous Chollima');
    const g = find('CrowdStrike tracks the operators as Famous Chollima.', 'intrusion-set', 'Famous Chollima');
    expect(g?.aliases).toContain('Jasper Sleet');
  });

  test("one actor has one name whichever vendor's label a report uses; distinct ATT&CK groups stay two", () => {
    const name = (text: string) =>
      extract(doc(text))
        .findings.filter((f) => f.type === 'intrusion-set')
        .map((f) => f.value);
    const both = name('Microsoft calls them Jasper Sleet; CrowdStrike calls them Famous Chollima.');
    expect(both).toHaveLength(1);
    expect(name('The operators, Jasper Sleet, took remote jobs.')).toEqual(both);
    expect(name('The operators, Famous Chollima, took remote jobs.')).toEqual(both);
    expect(name('Both Lazarus Group and APT38 were named in the advisory.').sort()).toEqual(['APT38', 'Lazarus Group']);
  });

  test('Lazarus Group with its aliases', () => {
    expect(find('The theft was attributed to the Lazarus Group.', 'intrusion-set', 'Lazarus Group')?.aliases).toContain(
      'APT38',
    );
  });

  test.each([
    {
      label: 'also known as',
      text: 'The defendants are Jong Pong Ju (정봉주), also known as “Bryan Cho,” and others.',
      name: 'Jong Pong Ju',
      alias: 'Bryan Cho',
    },
    { label: 'a.k.a.', text: 'Persona 3: BONG CHEE SHEN a.k.a. ALEX SHEN', name: 'Bong Chee Shen', alias: 'Alex Shen' },
    {
      label: 'a/k/a',
      text: 'Defendant Erick Ntekereze Prince, a/k/a "Erick Prince", ran Taggcar.',
      name: 'Erick Ntekereze Prince',
      alias: 'Erick Prince',
    },
    {
      label: 'sanctions style',
      text: 'JONG, Song Hwa (정성화), an official of the company.',
      name: 'Jong Song Hwa',
      alias: 'JONG, Song Hwa',
    },
  ])('person aliases: $label', ({ text, name, alias }) => {
    const f = find(text, 'threat-actor', name);
    expect(f?.value).toBe(name);
    expect(f?.aliases).toContain(alias);
  });

  test('officials who prosecute are not adversaries', () => {
    const f = extract(doc('U.S. Attorney Theodore S. Hertzberg said the case shows the danger.')).findings;
    expect(f.filter((x) => x.type === 'threat-actor')).toEqual([]);
  });

  test('countries carry ISO codes and the corpus aliases', () => {
    const f = find('Workers of the DPRK travelled to the UAE.', 'location', 'North Korea');
    expect(f?.props.country).toBe('KP');
    expect(find('Workers of the DPRK travelled to the UAE.', 'location', 'United Arab Emirates')?.props.country).toBe(
      'AE',
    );
  });

  test('malware, tools, techniques by id and name', () => {
    const text =
      'BeaverTail pulls InvisibleFerret; funds went through Tornado Cash. | Input Capture: Keylogging | T1056.001 |';
    const f = extract(doc(text)).findings;
    expect(f.find((x) => x.value === 'BeaverTail')?.type).toBe('malware');
    expect(f.find((x) => x.value === 'Tornado Cash')?.type).toBe('tool');
    expect(f.find((x) => x.type === 'attack-pattern')?.props.external_id).toBe('T1056.001');
  });

  test('relations the text states, with evidence', () => {
    const r = extract(
      doc('Lazarus Group used Tornado Cash to launder the funds. Unrelated: BeaverTail exists.'),
    ).relations;
    expect(r.map((x) => `${x.type} ${x.source} ${x.target}`)).toEqual([
      'uses intrusion-set:Lazarus Group tool:Tornado Cash',
    ]);
  });

  test('DPRK IT workers as a threat actor', () => {
    expect(find('North Korean IT workers took remote jobs.', 'threat-actor', 'DPRK IT workers')).toBeDefined();
  });
});
