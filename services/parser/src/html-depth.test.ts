import { describe, expect, test } from 'vitest';
import { parseHtml } from './html.ts';
import { boundNesting, MAX_HTML_DEPTH, markupDepth } from './html-depth.ts';

describe('deeply nested HTML', () => {
  const nested = (n: number, inner: string) => `${'<div class="x">'.repeat(n)}${inner}${'</div>'.repeat(n)}`;

  test('100,000 nested divs: parsed, no stack overflow, the text at the bottom kept', () => {
    const html = `<html><body><article><h1>Laptop farm</h1><p>${'The operators rented laptops in Arizona. '.repeat(8)}</p>${nested(100_000, 'hidden at the bottom: hirelancer-talent.com')}<p>After the nest.</p></article></body></html>`;
    const doc = parseHtml(html);
    expect(doc.text).toContain('hidden at the bottom: hirelancer-talent.com');
    expect(doc.text).toContain('After the nest.');
    expect(doc.text).toContain('The operators rented laptops in Arizona.');
  });

  test('the markup is cut to the bound, text and order kept', () => {
    const html = nested(MAX_HTML_DEPTH + 50, 'bottom');
    const bounded = boundNesting(html);
    expect(markupDepth(bounded)).toBe(MAX_HTML_DEPTH);
    expect(bounded).toContain('bottom');
    expect(bounded.match(/<div/g)).toHaveLength(MAX_HTML_DEPTH);
    expect(bounded.match(/<\/div>/g)).toHaveLength(MAX_HTML_DEPTH);
  });

  test('a page within the bound is not touched; unclosed paragraphs and list items do not count as depth', () => {
    const sloppy = `<body>${'<p>one paragraph'.repeat(5000)}<ul>${'<li>item'.repeat(5000)}</ul></body>`;
    expect(markupDepth(sloppy)).toBe(2);
    expect(boundNesting(sloppy)).toBe(sloppy);
    const page = `<html><body>${nested(40, '<p>text</p><br/><img src="a.png">')}</body></html>`;
    expect(boundNesting(page)).toBe(page);
  });
});
