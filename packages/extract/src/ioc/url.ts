// URLs with a scheme, and host/path references without one ("bitbucket.org/team/repo").
//
// Schemes: http(s), ftp(s), sftp, ws(s), smb, file, tcp, udp and the mining-pool schemes
// stratum+tcp / stratum+ssl / stratum+tls (and stratum2+). A URL ends at white space, at a
// quote (straight or curly), at < > [ ] { } | ^ ` \, at CJK punctuation or a zero-width space,
// before a "," or ";" that starts another URL, and then loses the sentence punctuation and the
// unbalanced ")" at its end; balanced parentheses ("/wiki/Foo_(bar)") stay.
//
// A UNC path (\\host\share\file, \\1.2.3.4@8080\DavWWWRoot\x) is no URL: tokens.ts reports its
// host as a domain or an IPv4 address and the path is left alone.
import { parse } from 'tldts';
import { type Refanged, wasDefanged } from '../refang.ts';
import { isFileName, isIpv4, isOnionAddress, isPlaceholderDomain, isProgId, isReverseDnsIdentifier } from './shapes.ts';

export interface UrlHit {
  value: string;
  host: string;
  start: number;
  end: number;
}

const SCHEMES = String.raw`(?:https?|ftps?|sftp|wss?|smb|file|tcp|udp|stratum2?\+(?:tcp|ssl|tls))`;
/** Where a URL with a scheme starts. */
const SCHEME = new RegExp(String.raw`\b${SCHEMES}:\/\/`, 'gi');
/** Where a URL without a scheme starts: a host name, an optional port and a slash. */
const WITHOUT_SCHEME = /(?<![\w@./:\\-])(?:[a-z0-9-]{1,63}\.){1,8}[a-z]{2,24}(?::\d{1,5})?\//gi;

/**
 * A URL body: anything but white space, quotes (straight or curly), < > [ ] { } | ^ ` \, CJK
 * punctuation and zero-width marks. Sticky, bounded: read at one place, linear.
 */
const BODY = /[^\s<>"'`\\^{}|[\]“”‘’«»‹›…、。，：；！？（）「」『』【】\u200b-\u200d\u2060\ufeff]{0,2048}/y;
/** "https://a.com/x,https://b.com/y": a list without spaces ends each URL at the separator. */
const NEXT_URL = new RegExp(String.raw`[,;]${SCHEMES}:\/\/`, 'i');

/** The end of the URL body that starts at `from`. */
function urlEnd(text: string, from: number): number {
  BODY.lastIndex = from;
  if (!BODY.test(text)) return from;
  const end = BODY.lastIndex;
  const body = text.slice(from, end);
  const next = body.includes(',') || body.includes(';') ? NEXT_URL.exec(body) : null;
  return next === null ? end : from + next.index;
}

/** Drops punctuation that ends the sentence rather than the URL, and unbalanced closers. */
export function trimUrl(raw: string): string {
  // Parentheses are counted once, and only when the URL ends with ")".
  let opens = -1;
  let closes = 0;
  let end = raw.length;
  while (end > 0) {
    const last = raw[end - 1] as string;
    if (".,;:!?*'".includes(last)) end--;
    else if (last === ')') {
      if (opens < 0) {
        opens = 0;
        for (let i = 0; i < end; i++) {
          const c = raw.charCodeAt(i);
          if (c === 40) opens++;
          else if (c === 41) closes++;
        }
      }
      if (opens >= closes) break;
      end--;
      closes--;
    } else break;
  }
  return raw.slice(0, end);
}

interface Authority {
  host: string;
  port: string | undefined;
}

function authorityOf(url: string): Authority {
  const m = /^(?:[a-z][a-z0-9+.-]{0,20}:\/\/)?(?:[^@/?#\s]{0,256}@)?([^/?#:]{1,253})(?::(\d{0,6}))?/i.exec(url);
  return { host: (m?.[1] ?? '').toLowerCase().replace(/\.$/, ''), port: m?.[2] };
}

/** True when `host` can be a URL's host: an IPv4 address or a registrable name, not a placeholder. */
function validHost(host: string): boolean {
  if (isIpv4(host)) return true;
  const p = parse(host, { allowPrivateDomains: true });
  if (p.domain === null || !(p.isIcann === true || p.isPrivate === true) || p.hostname !== host) return false;
  if (host.endsWith('.onion') && !isOnionAddress(host)) return false;
  return !isPlaceholderDomain(host, p.domainWithoutSuffix);
}

const validPort = (port: string | undefined) => port === undefined || port === '' || Number(port) <= 65535;

/** Lower-cases the scheme, which a refanged "HXXPS" leaves as "httpS". */
function normaliseScheme(url: string): string {
  const i = url.indexOf('://');
  return i > 0 && i < 16 ? url.slice(0, i).toLowerCase() + url.slice(i) : url;
}

/**
 * URLs in `text`. Pass `refanged` (what `refangWithMap` returned for the text) so that a host
 * the writer defanged is never read as a file name; see findTokens.
 */
export function findUrls(text: string, refanged?: Refanged): UrlHit[] {
  const hits: UrlHit[] = [];
  const withScheme: UrlHit[] = [];

  SCHEME.lastIndex = 0;
  for (let m = SCHEME.exec(text); m !== null; m = SCHEME.exec(text)) {
    const start = m.index;
    const end = urlEnd(text, start + m[0].length);
    SCHEME.lastIndex = end;
    const value = trimUrl(text.slice(start, end));
    const { host, port } = authorityOf(value);
    if (!host || !validHost(host) || !validPort(port)) continue;
    const hit = { value: normaliseScheme(value), host, start, end: start + value.length };
    hits.push(hit);
    withScheme.push(hit);
  }

  let k = 0;
  WITHOUT_SCHEME.lastIndex = 0;
  for (let m = WITHOUT_SCHEME.exec(text); m !== null; m = WITHOUT_SCHEME.exec(text)) {
    const start = m.index;
    while (k < withScheme.length && (withScheme[k] as UrlHit).end <= start) k++;
    const inside = withScheme[k];
    if (inside !== undefined && inside.start <= start) {
      WITHOUT_SCHEME.lastIndex = inside.end;
      continue;
    }
    const end = urlEnd(text, start + m[0].length);
    WITHOUT_SCHEME.lastIndex = end;
    const value = trimUrl(text.slice(start, end));
    const { host, port } = authorityOf(value);
    if (!host || !validHost(host) || !validPort(port)) continue;
    // Without a scheme, "com.example.app/..." and "WScript.Shell/..." are no hosts either.
    const written = text.slice(start, start + host.length);
    const defanged = refanged !== undefined && wasDefanged(refanged, start, start + host.length);
    if ((!defanged && isProgId(written)) || isReverseDnsIdentifier(written) || isFileName({ value: written, defanged }))
      continue;
    hits.push({ value, host, start, end: start + value.length });
  }
  return hits.sort((a, b) => a.start - b.start);
}
