// Values that look like indicators but are not the adversary's: documentation ranges, platforms
// that merely host adversary content, free-mail providers, explorers, references to other
// reports, and wording that says "this one is the victim's, do not block it".
import { getDomain } from 'tldts';

/** RFC 2606 / 6761 names and common placeholder domains. */
const EXAMPLE_DOMAINS = new Set([
  'example.com',
  'example.net',
  'example.org',
  'example.edu',
  'test.com',
  'domain.com',
  'yourdomain.com',
  'localhost',
]);
const EXAMPLE_TLDS = new Set(['example', 'test', 'invalid', 'localhost', 'local']);

export function isExampleDomain(host: string): boolean {
  const h = host.toLowerCase();
  const tld = h.slice(h.lastIndexOf('.') + 1);
  const reg = getDomain(h) ?? h;
  return EXAMPLE_DOMAINS.has(reg) || EXAMPLE_TLDS.has(tld);
}

/** RFC 5737 (192.0.2/24, 198.51.100/24, 203.0.113/24), private, loopback and link-local. */
export function isNonRoutableIpv4(ip: string): boolean {
  const [a, b, c] = ip.split('.').map(Number) as [number, number, number, number];
  if (a === 192 && b === 0 && c === 2) return true;
  if (a === 198 && b === 51 && c === 100) return true;
  if (a === 203 && b === 0 && c === 113) return true;
  if (a === 10 || a === 127 || a === 0 || a >= 224) return true;
  if (a === 172 && b >= 16 && b <= 31) return true;
  if (a === 192 && b === 168) return true;
  if (a === 169 && b === 254) return true;
  return false;
}

/** RFC 3849 documentation prefix and non-global IPv6. */
export function isNonRoutableIpv6(ip: string): boolean {
  const l = ip.toLowerCase();
  return (
    l.startsWith('2001:db8') ||
    l === '::1' ||
    l === '::' ||
    l.startsWith('fe80:') ||
    l.startsWith('fc') ||
    l.startsWith('fd')
  );
}

/** Explorers, archives and scanners: their URLs point at evidence about a value, never at the adversary. */
const LOOKUP_SERVICES = new Set([
  'etherscan.io',
  'bscscan.com',
  'polygonscan.com',
  'arbiscan.io',
  'tronscan.org',
  'solscan.io',
  'blockchain.com',
  'blockchair.com',
  'mempool.space',
  'blockstream.info',
  'oklink.com',
  'debank.com',
  'arkhamintelligence.com',
  'intel.arkm.com',
  'explorer.solana.com',
  'archive.ph',
  'archive.today',
  'archive.org',
  'web.archive.org',
  'virustotal.com',
  'urlscan.io',
  'any.run',
  'app.any.run',
  'shodan.io',
  'censys.io',
  'search.censys.io',
  'otx.alienvault.com',
  'bazaar.abuse.ch',
  'urlhaus.abuse.ch',
  'threatfox.abuse.ch',
]);

/**
 * Platforms that host adversary content: the bare host is never an indicator, only the full
 * URL of the adversary's page, repository or file on it.
 */
const PLATFORMS = new Set([
  'github.com',
  'gist.github.com',
  'raw.githubusercontent.com',
  'githubusercontent.com',
  'gitlab.com',
  'bitbucket.org',
  'vercel.app',
  'netlify.app',
  'herokuapp.com',
  'pages.dev',
  'workers.dev',
  'web.app',
  'firebaseapp.com',
  'glitch.me',
  'npmjs.com',
  'www.npmjs.com',
  'npmjs.org',
  'pypi.org',
  'registry.npmjs.org',
  't.me',
  'telegram.me',
  'telegram.org',
  'telegra.ph',
  'graph.org',
  'discord.com',
  'discord.gg',
  'medium.com',
  'youtube.com',
  'youtu.be',
  'x.com',
  'twitter.com',
  'linkedin.com',
  'facebook.com',
  'instagram.com',
  'reddit.com',
  'tiktok.com',
  'google.com',
  'drive.google.com',
  'docs.google.com',
  'sites.google.com',
  'cloud.google.com',
  'storage.googleapis.com',
  'dropbox.com',
  'mega.nz',
  'pastebin.com',
  'usrfiles.com',
  'wixsite.com',
  'blogspot.com',
  'wordpress.com',
  'upwork.com',
  'freelancer.com',
  'fiverr.com',
  'indeed.com',
  'braintrust.com',
  'attack.mitre.org',
  'mitre.org',
  'cve.org',
  'nvd.nist.gov',
  'wikipedia.org',
  'en.wikipedia.org',
  'dnsalias.net',
  'duckdns.org',
  'no-ip.com',
  'ddns.net',
  'ngrok.io',
  'ngrok-free.app',
  'trycloudflare.com',
  'amazonaws.com',
  'cloudfront.net',
  'azurewebsites.net',
  'windows.net',
  'sendgrid.net',
  'ogp.me',
  'schema.org',
  'w3.org',
  // Lookup services are legitimate platforms too.
  ...LOOKUP_SERVICES,
]);

export function isPlatform(host: string): boolean {
  const h = host.toLowerCase().replace(/^www\./, '');
  return PLATFORMS.has(h) || PLATFORMS.has(`www.${h}`);
}

/** Free-mail providers: the domain of an adversary's address is not the adversary's. */
const FREE_MAIL = new Set([
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'ymail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'aol.com',
  'icloud.com',
  'me.com',
  'mail.com',
  'mail.ru',
  'inbox.ru',
  'list.ru',
  'bk.ru',
  'yandex.ru',
  'yandex.com',
  'gmx.com',
  'gmx.de',
  'gmx.net',
  'web.de',
  'protonmail.com',
  'proton.me',
  'pm.me',
  'tutanota.com',
  'tuta.io',
  'onionmail.org',
  'zoho.com',
  'qq.com',
  '163.com',
  '126.com',
  'sina.com',
  'naver.com',
  'daum.net',
  'hanmail.net',
  'rambler.ru',
  'cock.li',
  'mailfence.com',
]);

export function isFreeMail(domain: string): boolean {
  return FREE_MAIL.has(domain.toLowerCase());
}

/** Hosts run by governments, standards bodies and security publishers: never the adversary's. */
export function isAuthorityHost(host: string): boolean {
  const h = host.toLowerCase();
  return (
    /\.(?:gov|mil)$/.test(h) ||
    /\.gov\.[a-z]{2}$/.test(h) ||
    /(?:^|\.)(?:treas\.gov|europa\.eu|ic3\.gov|usa\.gov|vote\.gov)$/.test(h)
  );
}

const SOCIAL = new Set([
  'x.com',
  'twitter.com',
  'linkedin.com',
  'facebook.com',
  'instagram.com',
  'youtube.com',
  'reddit.com',
  'tiktok.com',
  'mastodon.social',
  'bsky.app',
]);

export function isSocial(host: string): boolean {
  return SOCIAL.has(host.toLowerCase().replace(/^www\./, ''));
}

/** A share widget link: facebook sharer, twitter intent, mailto share, linkedin shareArticle ... */
export function isShareUrl(url: string): boolean {
  return /sharer|share(?:Article|\.php)|\/intent\/(?:tweet|post)|\/share\?|addtoany|[?&](?:u|url)=https?%3A/i.test(url);
}

/** Path segments that mark a publication: a report, blog post, news item or advisory. */
const PUBLICATION_PATH =
  /\/(?:blog|blogs|news|research|posts?|articles?|press-releases?|pr|media|publications?|reports?|advisories|cybersecurity-advisories|psa|techniques|software|groups|wiki|en_us|latest|insights|threat-intelligence|security|status|contact-us|field-offices|about|newsroom|documents?|pdf)(?:\/|$)/i;

export function looksLikePublication(url: string): boolean {
  const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').replace(/^[^/]*/, '');
  return PUBLICATION_PATH.test(path) || /\.pdf(?:$|[?#])/i.test(path);
}

/** Words around a link that say it points at other reporting, not at the adversary. */
export const REFERENCE_CUE =
  /\b(?:references?|sources?|further reading|background(?: reading)?|see:|is available (?:on|at)|read more|write-?up|report(?:ed|ing)? by|according to|see also|via|credit|public notes|blog|article|post-mortem|press release|advisory|previous posts?|earlier write-?up|archive|explorer view|indictment pdf|court (?:papers|filing)|original:|our (?:detection|research)|rss|(?:news |press |media |related )?coverage)\b/i;

/** Wording that marks a value as the victim's, benign, or explicitly not an indicator. */
/**
 * Words that call something harmless ("legitimate", "benign"): they speak of what stands in their
 * own sentence or line only, never of a whole block or of the values listed under them, since
 * "legitimate-looking domains the actor registered:" heads a list of indicators.
 */
export const BENIGN_WORD = /\blegitimate\b|\bbenign\b|\bnot suspicious\b|\birrelevant\b/i;

/** Statements that values are not the adversary's: they govern their whole block and section. */
export const NOT_ADVERSARY_CUE =
  /\bvictim(?:'s|-side)\b|(?:^|[-–—:(|,]\s*)victims?\s*(?:$|[)\],|])|\b(?:is|are) (?:a|the) victims?\b|\bbelongs? to the victim|['’]s (?:own )?(?:site|website|domain)\b|\bnot (?:an? )?indicators?\b|\bnot theirs\b|\b(?:do not|don'?t|never|should not|shouldn'?t|must not|need not|no need to) (?:add|block|blocklist|list|flag|alert on)\b|"indicator"\s*:\s*false|"role"\s*:\s*"victim"|\brole: victim\b|\bindicator: false\b|\.victim[.:[]|"victim"\s*:\s*\{|\bignore (?:them|these|it)\b|\bexplorers?\b|\bblock builder\b|\bexchange deposit\b|\bimpersonated (?:brand|company|exchange|firm|organi[sz]ation)\b|\bnot (?:their|the (?:actors?|adversary|attackers?)['’]?s?) (?:infra\w*|domains?|sites?|servers?)\b/i;

/** Wording that marks contact details of the publisher or an agency. */
export const CONTACT_CUE =
  /\b(?:contact|press (?:office|inquiries|contact)|public affairs|media (?:inquiries|relations)|tips?|tip line|report it to|questions(?=\?)|feedback|hotline|call|mail us|e-?mail us|write to)\b/i;

/** A heading that introduces a list of sources rather than indicators. */
export const REFERENCE_HEADING =
  /^[#=\s]*(?:\d+[./)]\s*)?(?:original )?(?:references?|sources?|further reading|background reading|see also|related(?: research| content| posts)?|read more|bibliography|citations?|links)\b/i;

/**
 * A label that heads a list of sources ("References", "Sources and notes:"), not a line that
 * merely opens with the word ("Source: https://...", a permalink): only a heading governs the
 * lines under it.
 */
export function isReferenceHeading(label: string): boolean {
  return REFERENCE_HEADING.test(label) && label.length <= 160 && !/\S+[./]\S+/.test(label);
}

export function isLookupService(host: string): boolean {
  return LOOKUP_SERVICES.has(host.toLowerCase().replace(/^www\./, ''));
}
