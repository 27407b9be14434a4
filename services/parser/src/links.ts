import type { LinkRole } from './types.ts';

// What a link is for, from its address alone. The HTML parser adds what the page layout says
// (navigation, a references section); this module knows share widgets, the publisher's own
// site and news outlets.

const SHARE_PATTERNS: RegExp[] = [
  /^https?:\/\/(www\.)?(twitter|x)\.com\/(intent|share)/i,
  /^https?:\/\/(www\.|m\.)?facebook\.com\/(sharer|share\.php|dialog\/share)/i,
  /^https?:\/\/(www\.)?linkedin\.com\/(shareArticle|sharing|cws\/share)/i,
  /^https?:\/\/(www\.)?reddit\.com\/submit/i,
  /^https?:\/\/(api\.)?whatsapp\.com\/send|^https?:\/\/wa\.me\//i,
  /^https?:\/\/t\.me\/share/i,
  /^https?:\/\/(www\.)?pinterest\.com\/pin\/create/i,
  /^https?:\/\/(www\.)?tumblr\.com\/(share|widgets\/share)/i,
  /^https?:\/\/news\.ycombinator\.com\/submitlink/i,
  /^https?:\/\/bsky\.app\/intent/i,
  /^https?:\/\/(www\.)?(addthis|sharethis)\.com\//i,
  /^https?:\/\/[^/]*\/share\?.*\burl=/i,
  // mailto with a subject or body is an "email this page" button, not an address in the text.
  /^mailto:[^?]*\?(.*&)?(subject|body)=/i,
];

/** Outlets whose articles a report cites as sources; not the adversary's infrastructure. */
const NEWS_SITES = [
  'reuters.com',
  'apnews.com',
  'bbc.com',
  'bbc.co.uk',
  'nytimes.com',
  'washingtonpost.com',
  'wsj.com',
  'bloomberg.com',
  'cnn.com',
  'cnbc.com',
  'theguardian.com',
  'ft.com',
  'npr.org',
  'axios.com',
  'politico.com',
  'wired.com',
  'arstechnica.com',
  'theverge.com',
  'techcrunch.com',
  'zdnet.com',
  'therecord.media',
  'bleepingcomputer.com',
  'thehackernews.com',
  'krebsonsecurity.com',
  'securityweek.com',
  'darkreading.com',
  'cyberscoop.com',
  'theregister.com',
  'coindesk.com',
  'theblock.co',
  'decrypt.co',
  'nknews.org',
  'yna.co.kr',
  'koreaherald.com',
  'koreatimes.co.kr',
];

/** Second-level labels under which a registrable domain has three labels (co.uk, com.au ...). */
const SECOND_LEVEL = new Set(['co', 'com', 'gov', 'ac', 'org', 'net', 'edu', 'go', 'or', 'ne', 'gob', 'govt']);

export function hostOf(href: string): string | undefined {
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.hostname.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

/** The registrable part of a host, approximately (no public-suffix list): www.justice.gov -> justice.gov. */
export function siteOf(host: string): string {
  const labels = host.replace(/\.$/, '').split('.');
  const keep =
    labels.length >= 3 && SECOND_LEVEL.has(labels.at(-2) ?? '') && (labels.at(-1) ?? '').length === 2 ? 3 : 2;
  return labels.slice(-keep).join('.');
}

export function isShareLink(href: string): boolean {
  return SHARE_PATTERNS.some((p) => p.test(href));
}

function isNewsHost(host: string): boolean {
  return NEWS_SITES.some((site) => host === site || host.endsWith(`.${site}`));
}

/**
 * The role a link has by its address: share, publisher (same site as the page), reference (a
 * news outlet), or undefined when only its place on the page can tell (then it is in-body).
 */
export function roleOfHref(href: string, pageSite: string | undefined): LinkRole | undefined {
  if (isShareLink(href)) return 'share';
  const host = hostOf(href);
  if (host === undefined) return undefined;
  if (pageSite !== undefined && siteOf(host) === siteOf(pageSite)) return 'publisher';
  if (isNewsHost(host)) return 'reference';
  return undefined;
}

/** Headings that open a list of sources rather than report content. */
export const REFERENCE_HEADING =
  /^\s*(references?|sources?|footnotes?|notes|endnotes|citations?|further reading|bibliography)\s*:?\s*$/i;
