import { load } from 'cheerio';
import { z } from 'zod';

// What a watched source lists: RSS 2.0, RSS 1.0 (RDF), Atom, or a JSON list of press releases
// (justice.gov's press-release API answers `{ "results": [{ "title", "url", "date", "uuid",
// "topic", "component" }] }`; a plain array of such objects is read too).

export interface FeedItem {
  /** Stable identity of the entry: guid/id, else the link. */
  key: string;
  url: string;
  title?: string;
  /** ISO 8601, when the feed says. */
  published?: string;
  /** Categories, topics and components the feed gives the entry. */
  topics: string[];
}

function iso(value: string | number | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  // Unix seconds (the DOJ API) or any date Date.parse reads (RFC 822 in RSS, RFC 3339 in Atom).
  const time = /^\d{9,11}$/.test(String(value)) ? Number(value) * 1000 : Date.parse(String(value));
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

function absolute(href: string, base: string): string | undefined {
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function parseXmlFeed(xml: string, base: string): FeedItem[] {
  const $ = load(xml, { xml: true });
  const items: FeedItem[] = [];
  $('item, entry').each((_, node) => {
    const e = $(node);
    const links = e.children('link').toArray();
    // Atom: the alternate link (or the first without rel); RSS: the element's text.
    const alternate =
      links.find((l) => ($(l).attr('rel') ?? 'alternate') === 'alternate' && $(l).attr('href')) ?? links[0];
    const href = alternate ? ($(alternate).attr('href') ?? $(alternate).text()) : '';
    const url = absolute(href, base);
    if (!url) return;
    const guid = e.children('guid, id').first().text().trim();
    const title = e.children('title').first().text().replace(/\s+/g, ' ').trim();
    const published = iso(e.children('pubDate, published, updated, dc\\:date').first().text().trim() || undefined);
    const topics = e
      .children('category')
      .toArray()
      .map((c) => ($(c).attr('term') ?? $(c).text()).trim())
      .filter(Boolean);
    items.push({ key: guid || url, url, ...(title ? { title } : {}), ...(published ? { published } : {}), topics });
  });
  return items;
}

const names = z
  .union([z.string(), z.array(z.union([z.string(), z.object({ name: z.string() }).loose()]))])
  .transform((v) => (typeof v === 'string' ? [v] : v.map((x) => (typeof x === 'string' ? x : x.name))));
const JsonEntry = z
  .object({
    url: z.string().optional(),
    link: z.string().optional(),
    uuid: z.string().optional(),
    id: z.union([z.string(), z.number()]).optional(),
    title: z.string().optional(),
    date: z.union([z.string(), z.number()]).optional(),
    published: z.string().optional(),
    topic: names.optional(),
    topics: names.optional(),
    component: names.optional(),
  })
  .loose();
const JsonFeed = z.union([z.array(JsonEntry), z.object({ results: z.array(JsonEntry) }).loose()]);

function parseJsonFeed(text: string, base: string): FeedItem[] {
  const parsed = JsonFeed.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error('the JSON is not a list of press releases (an array, or {"results": [...]})');
  const entries = Array.isArray(parsed.data) ? parsed.data : parsed.data.results;
  return entries.flatMap((e) => {
    const url = absolute(e.url ?? e.link ?? '', base);
    if (!url) return [];
    const published = iso(e.date ?? e.published);
    const topics = [...(e.topic ?? []), ...(e.topics ?? []), ...(e.component ?? [])].map((t) => t.trim());
    return [
      {
        key: e.uuid ?? (e.id === undefined ? url : String(e.id)),
        url,
        ...(e.title ? { title: e.title.trim() } : {}),
        ...(published ? { published } : {}),
        topics,
      },
    ];
  });
}

/** The entries of a feed document, newest first when the feed dates them. Throws on junk. */
export function parseFeed(body: string, options: { contentType: string; url: string }): FeedItem[] {
  const trimmed = body.replace(/^\uFEFF/, '').trimStart();
  const items =
    options.contentType.includes('json') || /^[[{]/.test(trimmed)
      ? parseJsonFeed(trimmed, options.url)
      : /<(rss|feed|rdf:RDF)[\s>]/.test(trimmed)
        ? parseXmlFeed(trimmed, options.url)
        : undefined;
  if (!items) throw new Error('not an RSS, Atom or JSON feed');
  return items.sort((a, b) => (b.published ?? '').localeCompare(a.published ?? ''));
}
