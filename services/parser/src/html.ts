import { type CheerioAPI, load } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { createDocumentBuilder, type Run } from './blocks.ts';
import { boundNesting, containersOf } from './html-depth.ts';
import { hostOf, isShareLink, REFERENCE_HEADING, roleOfHref } from './links.ts';
import { sourceProfile } from './sources.ts';
import type { BlockKind, LinkRole, ParsedBody } from './types.ts';

// HTML pages: drop the site's chrome, find the article, keep its structure as blocks, and say
// of every link what it is for. Readability-style, but small enough to read in one sitting.

/** Never content. */
const JUNK =
  'script, style, noscript, template, svg, canvas, iframe, object, embed, form, button, select, input, textarea, dialog';
/** The site around the article: dropped, their links recorded as navigation. */
const CHROME =
  'nav, header, footer, aside, menu, [role=navigation], [role=banner], [role=contentinfo], [role=complementary], [role=search], [aria-hidden=true], [hidden]';
/** Boxes named for what they are: share bars, cookie banners, "related" lists, newsletter forms ... */
const CHROME_NAME =
  /(^|[\s_-])(share|sharing|sharer|social|cookies?|consent|gdpr|related|newsletter|subscribe|signup|breadcrumbs?|promo|advert|ads|sidebar|comments?|menu|skip|popup|modal|masthead|toolbar|pager|pagination|print|tags)([\s_-]|$)/i;
const SHARE_NAME = /(^|[\s_-])(share|sharing|sharer|social)([\s_-]|$)/i;

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const BLOCK_TAGS = new Set([
  ...HEADINGS,
  'p', 'div', 'section', 'article', 'main', 'ul', 'ol', 'li', 'table', 'pre', 'blockquote', 'dl', 'dt', 'dd',
  'figure', 'figcaption', 'hr', 'address', 'details', 'summary', 'center', 'body', 'html', 'header', 'footer',
]); // biome-ignore format: a list of tag names reads best packed

interface Walk {
  kind: BlockKind;
  /** Inside a references/sources section: its links are references. */
  references: { level: number } | undefined;
}

function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

function nameOf(el: Element): string {
  return `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
}

function textOf($: CheerioAPI, el: AnyNode): string {
  return $(el).text().replace(/\s+/g, ' ').trim();
}

function toIso(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value.trim());
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

function jsonLdDates($: CheerioAPI): string[] {
  const found: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) for (const v of value) visit(v);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (typeof record.datePublished === 'string') found.push(record.datePublished);
      visit(record['@graph']);
    }
  };
  $('script[type="application/ld+json"]').each((_, el) => {
    try {
      visit(JSON.parse($(el).text()));
    } catch {
      // A broken JSON-LD block says nothing; the other sources may.
    }
  });
  return found;
}

function publishedOf($: CheerioAPI): string | undefined {
  const metas = [
    'meta[property="article:published_time"]',
    'meta[name="article:published_time"]',
    'meta[itemprop="datePublished"]',
    'meta[name="date"]',
    'meta[name="pubdate"]',
    'meta[name="publishdate"]',
    'meta[name="dc.date"]',
    'meta[name="DC.date.issued"]',
    'meta[name="citation_publication_date"]',
  ].map((s) => $(s).attr('content'));
  const times = ['article time[datetime]', 'main time[datetime]', 'time[datetime]'].map((s) =>
    $(s).first().attr('datetime'),
  );
  for (const candidate of [...metas, ...jsonLdDates($), ...times]) {
    const iso = toIso(candidate);
    if (iso) return iso;
  }
  return undefined;
}

function titleOf($: CheerioAPI): string | undefined {
  const candidates = [
    $('meta[property="og:title"]').attr('content'),
    $('meta[name="twitter:title"]').attr('content'),
    $('h1').first().text(),
    $('title').first().text(),
  ];
  return candidates
    .map((c) => c?.replace(/\s+/g, ' ').trim())
    .find((c) => c)
    ?.slice(0, 2000);
}

function resolveHref(href: string, base: string | undefined): string | undefined {
  const trimmed = href.trim();
  if (trimmed === '' || trimmed.startsWith('#') || /^(javascript|data|about|blob):/i.test(trimmed)) return undefined;
  try {
    return new URL(trimmed, base).href;
  } catch {
    return base === undefined && !/^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : undefined;
  }
}

/** The largest candidate container, or the element holding the most paragraph text. */
function findRoot($: CheerioAPI): Element | undefined {
  const body = $('body').get(0);
  const candidates = $('article, main, [role=main], [itemprop=articleBody]').toArray();
  const best = candidates.map((el) => ({ el, length: textOf($, el).length })).sort((a, b) => b.length - a.length)[0];
  if (best && best.length >= 200) return best.el;
  const scores = new Map<Element, number>();
  $('p, pre, td, li').each((_, p) => {
    const length = textOf($, p).length;
    const parent = p.parent as Element | null;
    if (parent?.type === 'tag') scores.set(parent, (scores.get(parent) ?? 0) + length);
    const grandparent = parent?.parent as Element | null | undefined;
    if (grandparent?.type === 'tag') scores.set(grandparent, (scores.get(grandparent) ?? 0) + length / 2);
  });
  const densest = [...scores].sort((a, b) => b[1] - a[1])[0];
  return densest && densest[1] > (best?.length ?? 0) ? densest[0] : (best?.el ?? body);
}

export function parseHtml(html: string, context: { finalUrl?: string } = {}): ParsedBody {
  // See html-depth.ts: no parser and no walk below sees a hostile nesting.
  const $ = load(boundNesting(html));
  const canonical = $('link[rel="canonical"]').attr('href') ?? $('meta[property="og:url"]').attr('content');
  const base = context.finalUrl ?? resolveHref(canonical ?? '', undefined);
  const site = hostOf(context.finalUrl ?? '') ?? hostOf(base ?? '');
  const title = titleOf($);
  const builder = createDocumentBuilder();

  // Read before the chrome goes: a publisher's facts (component, topics) often sit in it.
  const profile = sourceProfile($, site);
  const published = profile?.published ?? publishedOf($);

  // Drop junk and chrome, recording the chrome's links first: they are facts about the page
  // even though their text is not the report's.
  $(JUNK).remove();
  const bodyLength = $('body').text().replace(/\s+/g, ' ').trim().length || 1;
  const keep = (el: Element) =>
    ['html', 'body', 'main', 'article'].includes(el.name) || $(el).find('article, main, [role=main]').length > 0;
  const chrome = $(CHROME)
    .toArray()
    // A page header inside the article holds its title, not the site's menu.
    .filter((el) => !keep(el) && !(el.name === 'header' && $(el).closest('article, main').length > 0))
    .concat(
      $('[class], [id]')
        .toArray()
        // A wrapper named "with-sidebar" around most of the page is layout, not chrome.
        .filter((el) => CHROME_NAME.test(nameOf(el)) && !keep(el) && textOf($, el).length < bodyLength * 0.5),
    );
  const seen = new Set<Element>();
  const record = (a: Element, role: LinkRole) => {
    if (seen.has(a)) return;
    seen.add(a);
    const href = resolveHref(a.attribs.href ?? '', base);
    if (href !== undefined) builder.link(href, textOf($, a), isShareLink(href) ? 'share' : role);
  };
  for (const el of chrome) {
    const role: LinkRole = SHARE_NAME.test(nameOf(el)) ? 'share' : 'navigation';
    $(el)
      .find('a[href]')
      .each((_, a) => record(a, role));
  }
  $(chrome).remove();

  const root = (profile ? ($(profile.root).get(0) as Element | undefined) : undefined) ?? findRoot($);
  if (root && title && $(root).find('h1').length === 0) builder.add('heading', title, { level: 1 });
  for (const line of profile?.lead ?? []) builder.add('paragraph', line);

  function roleOf(href: string, walk: Walk): LinkRole {
    if (isShareLink(href)) return 'share';
    if (walk.references) return 'reference';
    return roleOfHref(href, site) ?? 'in-body';
  }

  function inlineRuns(node: AnyNode, walk: Walk, runs: Run[] = []): Run[] {
    if (node.type === 'text') runs.push({ text: (node as unknown as { data: string }).data });
    if (!isElement(node)) return runs;
    if (node.name === 'br') runs.push({ text: '\n', raw: true });
    else if (node.name === 'a' && node.attribs.href !== undefined) {
      seen.add(node);
      const href = resolveHref(node.attribs.href, base);
      const text = $(node).text();
      runs.push(href === undefined ? { text } : { text, link: { href, role: roleOf(href, walk) } });
    } else for (const child of node.children) inlineRuns(child, walk, runs);
    return runs;
  }

  function table(el: Element, walk: Walk): void {
    const runs: Run[] = [];
    $(el)
      .find('tr')
      .filter((_, tr) => $(tr).closest('table').get(0) === el)
      .each((_, tr) => {
        const cells = $(tr).children('th, td').toArray();
        if (cells.length === 0) return;
        if (runs.length > 0) runs.push({ text: '\n', raw: true });
        cells.forEach((cell, i) => {
          if (i > 0) runs.push({ text: ' | ', raw: true });
          runs.push(...inlineRuns(cell, walk).map((r) => (r.raw ? { ...r, text: ' ', raw: false } : r)));
        });
      });
    const caption = $(el).children('caption').first();
    if (caption.length) builder.add('paragraph', inlineRuns(caption.get(0) as Element, walk));
    builder.add('table', runs);
  }

  const holdsBlocks = root ? containersOf(root, BLOCK_TAGS) : new Set<Element>();

  function walkChildren(el: Element, walk: Walk): void {
    let pending: Run[] = [];
    const flush = () => {
      if (pending.length) builder.add(walk.kind, pending);
      pending = [];
    };
    for (const child of el.children) {
      if (!isElement(child) || (!BLOCK_TAGS.has(child.name) && !holdsBlocks.has(child))) {
        inlineRuns(child, walk, pending);
        continue;
      }
      flush();
      const name = child.name;
      if (HEADINGS.has(name)) {
        const level = Number(name.slice(1));
        if (walk.references && level <= walk.references.level) walk.references = undefined;
        builder.add('heading', inlineRuns(child, walk), { level });
        if (REFERENCE_HEADING.test(textOf($, child))) walk.references = { level };
      } else if (name === 'table') table(child, walk);
      else if (name === 'pre')
        builder.add(
          'code',
          $(child)
            .text()
            .replace(/^\n+|\s+$/g, ''),
        );
      else if (name === 'li') walkChildren(child, { ...walk, kind: 'list-item' });
      else if (name === 'blockquote') walkChildren(child, { ...walk, kind: 'quote' });
      else if (name === 'hr') continue;
      else walkChildren(child, walk);
    }
    flush();
  }

  if (root) walkChildren(root, { kind: 'paragraph', references: undefined });
  // Links outside the article that no rule named (a top bar, a second column) are the site's.
  $('a[href]').each((_, a) => record(a, 'navigation'));
  const built = builder.build();
  return {
    ...built,
    ...(title ? { title } : {}),
    ...(published ? { published } : {}),
    ...(site ? { site } : {}),
  };
}
