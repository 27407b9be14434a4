import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { expectConsistent } from './fixtures/consistency.ts';
import { parseDocument } from './parse.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

async function parsePage(name: string, url: string) {
  const doc = await parseDocument(fixture(name), { contentType: 'text/html', source: url, finalUrl: url });
  return { doc, blocks: expectConsistent(doc) };
}

describe('a justice.gov press release (Drupal fields)', async () => {
  const url = 'https://www.justice.gov/usao-dc/pr/two-north-korean-nationals-indicted-it-worker-scheme';
  const { doc, blocks } = await parsePage('doj-usao-press-release.html', url);
  const role = (href: string) => doc.links.filter((l) => l.href === href).map((l) => l.role);

  test('title, the release date field over JSON-LD, the issuing office, component, topics, number', () => {
    expect(doc.meta).toMatchObject({
      title: 'Two North Korean Nationals Indicted in IT Worker Scheme',
      published: '2024-05-16T12:00:00.000Z',
      site: 'www.justice.gov',
    });
    expect(blocks.slice(0, 6)).toEqual([
      'Two North Korean Nationals Indicted in IT Worker Scheme',
      'Defendants used stolen identities to obtain remote jobs at U.S. companies',
      "U.S. Attorney's Office, District of Columbia",
      'Component: USAO - District of Columbia',
      'Topics: National Security; Cybercrime',
      'Press Release Number: 24-231',
    ]);
  });

  test('the body is the body field, whole', () => {
    expect(blocks.slice(6)).toHaveLength(3);
    expect(blocks[6]).toMatch(/^WASHINGTON – A federal grand jury returned an indictment charging Kim Jong Su/);
    expect(blocks[8]).toMatch(/^An indictment is merely an allegation/);
  });

  test.each([
    'Skip to main content',
    'official website',
    'Press Releases',
    'Facebook',
    'Public Affairs Office, 202-555-0100',
    'Updated May 16, 2024',
    'Related Content',
    'Unrelated Fraud Case',
    '601 D Street',
    'For Immediate Release',
  ])('drops %j', (dropped) => {
    expect(doc.text).not.toContain(dropped);
  });

  test('every link keeps its role', () => {
    expect(role('https://www.fbi.gov/wanted/cyber/kim-jong-su')).toEqual(['in-body']);
    expect(role('https://www.justice.gov/usao-dc/media/1234/dl')).toEqual(['publisher']);
    expect(role('https://www.justice.gov/topics/national-security')).toEqual(['navigation']);
    expect(role('https://www.justice.gov/usao-dc/pr/unrelated-fraud-case')).toEqual(['navigation']);
    expect(doc.links.filter((l) => l.role === 'share')).toHaveLength(3);
    expect(
      doc.links.filter((l) => l.role === 'in-body' || l.role === 'publisher').every((l) => l.start !== undefined),
    ).toBe(true);
  });
});

describe('an advisory with an IOC appendix', async () => {
  const url = 'https://www.cyber-agency.example.gov/advisories/aa25-023a';
  const { doc, blocks } = await parsePage('advisory-ioc-appendix.html', url);

  test('keeps the code block and the appendix table; the download sidebar is not text', () => {
    expect(doc.blocks.map((b) => b.kind)).toContain('code');
    const table = doc.blocks.find((b) => b.kind === 'table');
    expect(table && doc.text.slice(table.start, table.end)).toBe(
      [
        'Indicator | Type | Notes',
        '203.0.113.45 | IPv4 | VPS used for remote access',
        'update-check[.]net | Domain | script host',
        'jiho.han@example.com | Email | persona',
      ].join('\n'),
    );
    expect(blocks).toContain('Appendix A: Indicators of Compromise');
    expect(doc.text).not.toContain('Download the STIX file');
  });

  test('the agency’s own files are not indicators; the cited DOJ release is a reference', () => {
    const roles = Object.fromEntries(doc.links.map((l) => [l.href, l.role]));
    expect(roles['https://www.cyber-agency.example.gov/advisories/aa25-023a.stix.json']).toBe('navigation');
    expect(roles['https://www.justice.gov/opa/pr/laptop-farm']).toBe('reference');
    expect(doc.links.some((l) => l.role === 'in-body')).toBe(false);
  });
});
