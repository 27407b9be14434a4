import { load } from 'cheerio';
import type { Element } from 'domhandler';
import { createDocumentBuilder } from './blocks.ts';
import { roleOfHref } from './links.ts';
import type { ParsedBody } from './types.ts';

// RSS and Atom feeds (a feed poller may submit one): each entry's title as a heading, its summary
// as text, its link recorded. Other XML: each leaf element as a `path: value` line.

function htmlText(fragment: string): string {
  return load(fragment).text().replace(/\s+/g, ' ').trim();
}

export function parseXml(input: string, context: { site?: string } = {}): ParsedBody {
  const $ = load(input, { xml: true });
  const builder = createDocumentBuilder();
  const entries = $('item, entry').toArray();
  const isFeed = $('rss, feed, rdf\\:RDF').length > 0 || entries.length > 0;
  if (isFeed) {
    const title = $('channel > title, feed > title').first().text().trim();
    for (const entry of entries) {
      const e = $(entry);
      const heading = e.children('title').first().text().trim();
      const href = e.children('link').first().attr('href') ?? e.children('link').first().text().trim();
      const summary = e.children('description, summary, content, content\\:encoded').first().text();
      builder.add('heading', heading, { level: 2 });
      if (summary.trim()) builder.add('paragraph', htmlText(summary));
      if (href) builder.link(href, heading, roleOfHref(href, context.site) ?? 'reference');
    }
    return { ...builder.build(), ...(title ? { title: title.slice(0, 2000) } : {}) };
  }
  const lines: string[] = [];
  $('*').each((_, node) => {
    const el = node as Element;
    const element = $(el);
    if (element.children().length > 0) return;
    const value = element.text().replace(/\s+/g, ' ').trim();
    if (value === '') return;
    const path = element
      .parents()
      .toArray()
      .reverse()
      .map((p) => (p as Element).name)
      .concat(el.name)
      .join('.');
    lines.push(`${path}: ${value}`);
  });
  builder.add('paragraph', [{ text: lines.join('\n'), raw: true }]);
  return builder.build();
}
