import type { ParsedDocument } from '@stixmill/contracts';
import { describe, expect, test } from 'vitest';
import { expectConsistent } from './fixtures/consistency.ts';
import { makePdf } from './fixtures/pdf.ts';
import {
  courtFilingPdf,
  INDICTMENT_LINES,
  iocTablePdf,
  longFilingPdf,
  scannedPdf,
  twoColumnReportPdf,
} from './fixtures/pdf-documents.ts';
import { parseDocument } from './parse.ts';
import { joinLines, layoutPages } from './pdf-layout.ts';

const pdf = (bytes: Uint8Array, name = 'file.pdf') =>
  parseDocument(bytes, { contentType: 'application/pdf', source: `file:${name}` });

function blocksOf(doc: ParsedDocument) {
  const texts = expectConsistent(doc);
  return doc.blocks.map((b, i) => ({ kind: b.kind, page: b.page, text: texts[i] ?? '' }));
}

describe('a court filing on pleading paper', async () => {
  const doc = await pdf(courtFilingPdf(INDICTMENT_LINES), 'indictment.pdf');
  const blocks = blocksOf(doc);

  test('reads the caption left block (one block per defendant), then the case number side, then the body', () => {
    expect(blocks.slice(0, 12).map((b) => `${b.kind}: ${b.text}`)).toEqual([
      'heading: UNITED STATES DISTRICT COURT',
      'heading: FOR THE DISTRICT OF COLUMBIA',
      'paragraph: UNITED STATES OF AMERICA, v.',
      'list-item: KIM JONG SU, a/k/a "Jin Sung-Il,"',
      'list-item: PAK CHOL MIN, a/k/a "Haoran Xu,"',
      'paragraph: Defendants.',
      'paragraph: Criminal No. 1:24-cr-00123',
      'list-item: Count 1: 18 U.S.C. § 1349 (Wire Fraud Conspiracy)',
      'list-item: Count 2: 18 U.S.C. § 1956(h) (Money Laundering Conspiracy)',
      'heading: INDICTMENT',
      'paragraph: The Grand Jury charges that:',
      'heading: INTRODUCTORY ALLEGATIONS',
    ]);
  });

  test('drops the margin line numbers, the running header, the footer and the page numbers', () => {
    expect(doc.text).not.toMatch(/Case 1:24-cr-00123 Document/);
    expect(doc.text).not.toMatch(/- \d -/);
    expect(doc.text.match(/INDICTMENT/g)).toHaveLength(1);
    // No stray margin numbers at the start of a block or between the words of a line.
    for (const b of blocks) expect(b.text).not.toMatch(/^\d{1,2} [A-Za-z]/);
    expect(blocks.find((b) => b.text.startsWith('1. '))?.text).toBe(
      '1. At all times relevant to this Indictment, the defendants were information technology workers who sought remote employment with companies in the United States while concealing their nationality.',
    );
    expect(blocks).toHaveLength(20);
  });

  test('numbered paragraphs and overt acts are list items; counts are headings', () => {
    const items = blocks.filter((b) => b.kind === 'list-item').map((b) => b.text.slice(0, 3));
    expect(items.slice(4)).toEqual(['1. ', '2. ', '3. ', 'a. ', 'b. ']);
    expect(blocks.filter((b) => b.kind === 'heading').map((b) => b.text)).toContain('COUNT ONE');
    expect(blocks.filter((b) => b.kind === 'heading').map((b) => b.text)).toContain('Overt Acts');
  });

  test('mends hyphenation, keeps a hyphenated host name, spells out ligatures', () => {
    expect(doc.text).toContain('remote employment with companies in the United States');
    expect(doc.text).toContain('the domain update-check-portal.com and');
    expect(doc.text).toContain('filed applications');
    expect(doc.text).toContain('and fled the account');
    expect(doc.text).not.toMatch(/[ﬀ-ﬆ]/);
  });

  test('a sentence running over the page break is one block, on the page it starts', () => {
    const last = blocks.at(-1);
    expect(last?.text).toBe(
      'b. On or about June 9, 2022, PAK CHOL MIN received salary payments in the Tron wallet TXjkVbnAtzU5vcDQnS1VYcWwf2u3jvJK2Q and fled the account afterwards.',
    );
    expect(last?.page).toBe(1);
    expect(doc.meta.title).toBe('Indictment');
  });
});

test('a two-column report reads the left column, then the right, under its full-width title', async () => {
  const blocks = blocksOf(await pdf(twoColumnReportPdf()));
  expect(blocks.map((b) => `${b.kind}: ${b.text}`)).toEqual([
    'heading: Inside a Laptop Farm: How DPRK IT Workers Get Hired',
    'paragraph: Threat Research | February 2025',
    'paragraph: Famous Chollima operators applied for remote developer roles with forged resumes and stolen identities. Recruiters saw polished profiles and video interviews with stand-ins. Once hired, the workers asked for laptops to be shipped to facilitators who ran laptop farms in several states and kept the machines online around the clock. Remote access went through the tool at remote-access.example.net for months.',
    'paragraph: Payroll deposits moved through exchange accounts into the wallet TXjkVbnAtzU5vcDQnS1VYcWwf2u3jvJK2Q within days of each payday, the report found.',
  ]);
});

test('an IOC table stays a table, row by row, between its paragraphs', async () => {
  const blocks = blocksOf(await pdf(iocTablePdf()));
  expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'table', 'paragraph']);
  expect(blocks[2]?.text).toBe(
    [
      'Type | Indicator | Context',
      'IPv4 | 203.0.113.45 | C2 server',
      'Domain | update-check[.]net | payload host',
      'SHA-256 | e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 | loader',
      'Email | jiho.han@example.com | persona',
    ].join('\n'),
  );
});

test('a scanned page (an image, no text layer) is no_text, not an empty document', async () => {
  await expect(pdf(scannedPdf(), 'scan.pdf')).rejects.toMatchObject({
    code: 'no_text',
    message: 'the PDF has no text layer (scanned?)',
    retryable: false,
  });
});

test('a text page after a scanned one keeps its own page number', async () => {
  const doc = await pdf(makePdf([{ image: true }, [{ text: 'Lazarus Group, also known as APT38.', y: 700 }]]));
  expect(doc.blocks.map((b) => b.page)).toEqual([2]);
});

test('a 50-page filing parses with every page accounted for', async () => {
  const doc = await pdf(longFilingPdf(50), 'long.pdf');
  expect(new Set(doc.blocks.map((b) => b.page)).size).toBe(50);
  expect(doc.text).not.toMatch(/Document 1 Filed/);
  expect(doc.text).toContain('203.0.113.49 to reach an employer network');
});

describe('joinLines', () => {
  test.each([
    { previous: 'with com-', next: 'panies in', joined: 'with companies in' },
    { previous: 'the domain update-', next: 'check.net today', joined: 'the domain update-check.net today' },
    { previous: 'see www.evil-', next: 'host.example', joined: 'see www.evil-host.example' },
    { previous: 'the North-', next: 'Korean', joined: 'the North- Korean' },
    { previous: 'soft\u00ad', next: 'ware', joined: 'software' },
    { previous: 'a line', next: 'and the next', joined: 'a line and the next' },
    { previous: 'ends with 2024-', next: '05-16', joined: 'ends with 2024- 05-16' },
  ])('$previous + $next', ({ previous, next, joined }) => {
    expect(joinLines(previous, next)).toBe(joined);
  });
});

describe('layoutPages over raw items', () => {
  const item = (str: string, x: number, y: number, width = str.length * 5) => ({ str, x, y, width, fontSize: 10 });

  test('whitespace items that span a gutter do not glue the columns together', () => {
    const rows = ['alpha one two three four', 'beta one two three four', 'gamma one two three four.'];
    const items = rows.flatMap((text, i) => [
      item(text, 50, 700 - i * 12),
      item(' ', 50 + text.length * 5, 700 - i * 12, 400),
      item(`right ${text}`, 320, 700 - i * 12),
    ]);
    expect(layoutPages([{ items }]).map((b) => b.text)).toEqual([
      rows.join(' '),
      rows.map((r) => `right ${r}`).join(' '),
    ]);
  });

  test('a header repeated on every page with its number changing is dropped', () => {
    const pages = [1, 2, 3].map((n) => ({
      items: [item(`ACME Threat Report ${n}/3`, 50, 760), item(`Body text of page ${n}.`, 50, 700 - n * 20)],
    }));
    expect(layoutPages(pages).map((b) => b.text)).toEqual([
      'Body text of page 1.',
      'Body text of page 2.',
      'Body text of page 3.',
    ]);
  });
});

test('a PDF whose every page holds one line at the same height keeps every line', async () => {
  const lines = ['45.137.21.9', '45.137.21.10', '103.56.12.7', 'Wallet 0x1 received 12 ETH'];
  const pdf = makePdf(lines.map((text) => [{ text, y: 700 }]));
  const doc = await parseDocument(pdf, { contentType: 'application/pdf', source: 'file:one-line-pages.pdf' });
  for (const text of lines) expect(doc.text).toContain(text);
});

test('a running header with words is still dropped, page numbers too', async () => {
  const bodies = [
    'Laptop farms hosted the devices.',
    'Facilitators shipped them on.',
    'Payroll went to front companies.',
  ];
  const pages = bodies.map((body, n) => [
    { text: 'TLP:CLEAR  Joint Advisory AA25-001', y: 760 },
    { text: body, y: 600 },
    { text: String(n + 1), y: 40 },
  ]);
  const doc = await parseDocument(makePdf(pages), { contentType: 'application/pdf', source: 'file:advisory.pdf' });
  expect(doc.text).not.toContain('Joint Advisory');
  for (const body of bodies) expect(doc.text).toContain(body);
  expect(doc.text).not.toMatch(/^\d$/m);
});
