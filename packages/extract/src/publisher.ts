// Who published the document, read from the document itself when no fetched URL says so (a file,
// pasted text, an e-mailed PDF): the source or permalink line in its header, the footer's brand,
// site and contact lines, and the pages it calls its own ("our GitHub page: ..."). The publisher's
// hosts, pages and contacts are never indicators.
import type { ParsedDocument } from '@stixmill/contracts';
import { getDomain } from 'tldts';

export interface Publisher {
  /** Registrable domains of the publisher (its site, its mail). */
  readonly hosts: ReadonlySet<string>;
  /** URL prefixes the publisher owns on shared platforms ("github.com/acme-research"). */
  readonly pages: readonly string[];
  /** Brand names in lower case without spaces or dashes ("acmesecurity"). */
  readonly brands: ReadonlySet<string>;
}

/** A header line that names the document's own address. */
const SOURCE_LINE =
  /^\W{0,3}(?:source|permalink|canonical(?: url)?|originally (?:published|posted)(?: (?:at|on))?|published (?:at|on)|web version|read (?:it |this )?online(?: at)?|view (?:it |this )?(?:online|in your browser)(?: at)?)\s*[:\-–—]?\s/i;
/** A byline under the title: "Acme Research · 9 min read · RSS", "Posted by ... on ...". */
const BYLINE =
  /\b(?:min(?:ute)?s? read|posted (?:by|on|in)|published (?:by|on|in)|written by|rss|atom feed|subscribe|share this)\b/i;
/** What a footer says: copyright, subscription, follow and contact lines. */
const FOOTER_CUE =
  /©|\(c\)\s*\d{4}|\bcopyright\b|\ball rights reserved\b|\bsubscribe\b|\bunsubscribe\b|\bfollow us\b|\bcontact us\b|\bprivacy (?:policy|notice)\b|\bterms of (?:use|service)\b|\bnewsletter\b|\bsign up\b/i;
/** "© 2025 Acme Security, Inc." / "Copyright 2024 Acme Labs": the brand after the year. */
const COPYRIGHT_BRAND =
  /(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?([A-Z][\w&.-]*(?:\s[A-Z][\w&.-]*){0,3})/gi;
/** "our blog", "our GitHub page", "our repository": a page the author calls its own. */
const OWN_PAGE =
  /\bour\s+(?:own\s+)?(?:blog|website|site|github(?:\s+(?:page|repo(?:sitory)?|account|organi[sz]ation))?|repo(?:sitory)?|page|portal|research(?:\s+page)?|feed|channel|account|team)\b/i;
/** Words of the body, not of a footer: a block that speaks of the adversary is no footer. */
const ADVERSARY_WORDS =
  /\b(?:malicious|attacker|adversary|threat actor|actors?|phishing|lure|fake|scam\w*|victims?|payload|c2|command and control|malware)\b/i;
const OWN_PAGE_ANYWHERE = new RegExp(OWN_PAGE.source, 'gi');
const URL = /\b(?:https?:\/\/|www\.)[^\s<>"'()[\]]{3,300}/gi;
const EMAIL = /\b[\w.+-]{1,64}@([\w-]{1,63}(?:\.[\w-]{1,63}){1,6})\b/g;
const LEGAL_FORM = /\s*,?\s*\b(?:Inc|LLC|Ltd|Limited|GmbH|Corp|Corporation|Co|S\.?A|AG|B\.?V|plc)\.?$/i;

/** Platforms where a publisher has a page of its own, not the whole host. */
const SHARED_HOSTS = new Set(['github.com', 'gitlab.com', 'twitter.com', 'x.com', 'linkedin.com', 'medium.com']);

const brandKey = (name: string) => name.toLowerCase().replace(/[\s\-_.]/g, '');

function hostOf(url: string): string | undefined {
  const m = /^(?:https?:\/\/)?([^/?#:\s]+)/i.exec(url);
  return m?.[1]?.toLowerCase();
}

export function findPublisher(doc: ParsedDocument): Publisher {
  const text = doc.text;
  const hosts = new Set<string>();
  const pages: string[] = [];
  const brands = new Set<string>();
  const addUrl = (raw: string) => {
    const url = raw.replace(/[.,;:!?)\]]+$/, '');
    const host = hostOf(url);
    if (!host) return;
    const reg = getDomain(host) ?? host;
    if (SHARED_HOSTS.has(reg)) {
      // "github.com/acme-research": the publisher's page on a shared platform, not the platform.
      const path = /^(?:https?:\/\/)?[^/]+\/([\w.-]{2,60})/i.exec(url)?.[1];
      if (path) pages.push(`${reg}/${path.toLowerCase()}`);
    } else hosts.add(reg);
  };
  if (doc.meta.site) hosts.add(getDomain(doc.meta.site) ?? doc.meta.site.toLowerCase());

  // The header: the document's first lines name its own address.
  const head = text.slice(0, Math.min(text.length, 1500));
  for (const line of head.split('\n').slice(0, 15))
    if (SOURCE_LINE.test(line) || (BYLINE.test(line) && !ADVERSARY_WORDS.test(line)))
      for (const m of line.matchAll(URL)) addUrl(m[0]);

  // The footer: short blocks near the end that read as one, with every site, mailbox and brand in them.
  const tailStart = text.length - Math.min(text.length, Math.max(2000, Math.floor(text.length * 0.15)));
  // A document of three blocks or fewer has no footer apart from its body.
  const blocks = doc.blocks.length > 3 ? doc.blocks : [];
  for (const b of blocks) {
    if (b.end < tailStart) continue;
    const body = text.slice(b.start, b.end);
    if (body.length > 600 || !FOOTER_CUE.test(body) || ADVERSARY_WORDS.test(body)) continue;
    for (const m of body.matchAll(URL)) addUrl(m[0]);
    for (const m of body.matchAll(EMAIL)) hosts.add(getDomain(m[1] as string) ?? (m[1] as string).toLowerCase());
    for (const m of body.matchAll(COPYRIGHT_BRAND)) {
      const brand = (m[1] as string).replace(LEGAL_FORM, '').trim();
      if (brand.length >= 4 && !/^all$/i.test(brand)) brands.add(brandKey(brand));
    }
  }

  // Pages the author calls its own, anywhere: "the full list is on our GitHub page: https://...".
  for (const m of text.matchAll(OWN_PAGE_ANYWHERE)) {
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    const lineEnd = text.indexOf('\n', m.index);
    for (const u of text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd).matchAll(URL)) addUrl(u[0]);
  }
  return { hosts, pages, brands };
}

/** Whether a host belongs to the publisher (its registrable domain, or a brand inside it). */
export function isPublisherHost(publisher: Publisher, host: string): boolean {
  const reg = getDomain(host) ?? host.toLowerCase();
  if (publisher.hosts.has(reg)) return true;
  // "lanternfishlabs-cdn.com" beside "© Lanternfish Labs": the brand inside the name (long brands
  // only, so that a short word does not claim every host that contains it).
  const key = brandKey(reg.split('.')[0] ?? '');
  return publisher.brands.has(key) || [...publisher.brands].some((b) => b.length >= 6 && key.includes(b));
}

/** Whether a URL is one of the publisher's own pages on a shared platform. */
export function isPublisherPage(publisher: Publisher, url: string): boolean {
  const bare = url
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/^www\./i, '')
    .toLowerCase();
  return publisher.pages.some((p) => bare === p || bare.startsWith(`${p}/`));
}
