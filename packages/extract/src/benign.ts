// Benign priors: whether a value is on a list of things that are, as a rule, not the adversary's,
// and which list. A category is a prior, not a verdict: "dynamic-dns", "file-sharing",
// "url-shortener" and the address ranges name services adversaries use all the time, and the
// caller decides what each one means for the value in front of it.
//
// The lists are derived from the MISP warninglists by scripts/build-benign.ts and loaded once
// here; the RFC documentation names and ranges are facts and live in this file.
import { getDomain } from 'tldts';
import data from '../data/benign.json' with { type: 'json' };

export const BENIGN_CATEGORIES = [
  // names
  'documentation',
  'dynamic-dns',
  'url-shortener',
  'link-in-bio',
  'file-sharing',
  'ip-lookup',
  'webmail',
  'disposable-email',
  'security-vendor',
  'parking',
  'popular',
  // addresses (documentation and parking too)
  'sinkhole',
  'public-dns',
  'cdn-range',
  'cloud-range',
  // file hashes
  'empty-file',
  'known-false-positive',
  'test-file',
] as const;
export type BenignCategory = (typeof BENIGN_CATEGORIES)[number];

export type BenignValueType = 'domain-name' | 'ipv4-addr' | 'ipv6-addr' | 'email-addr' | 'file' | 'url';

export const NETWORK_PROVIDERS = [
  'cloudflare',
  'fastly',
  'akamai',
  'amazon-aws',
  'google-gcp',
  'microsoft-azure',
] as const;
export type NetworkProvider = (typeof NETWORK_PROVIDERS)[number];

// ---------- names ----------

const domains = data.domains;
const POPULAR = new Set(domains.popular);
const WEBMAIL = new Set(domains.webmail);
const DISPOSABLE = new Set(domains['disposable-email']);
const SHORTENERS = new Set(domains['url-shortener']);
const LINK_IN_BIO = new Set(domains['link-in-bio']);
const FILE_SHARING = new Set(domains['file-sharing']);
const DYNAMIC_DNS = new Set(domains['dynamic-dns']);
const USER_CONTENT = new Set(domains['user-content']);
const IP_LOOKUP = new Set(domains['ip-lookup']);
const SECURITY_VENDORS = new Set(domains['security-vendor']);
const PARKING = new Set(domains.parking);

// RFC 2606 reserves these second-level names and top-level labels for examples and tests.
const DOCUMENTATION_DOMAINS = new Set(['example.com', 'example.net', 'example.org']);
const DOCUMENTATION_TLDS = new Set(['example', 'test', 'invalid', 'localhost']);

/** Lower case, no trailing dot, IDNs in their ASCII form (the lists hold punycode). */
function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase().replace(/\.+$/, '');
  if (/[^\u0020-\u007e]/.test(h)) {
    try {
      h = new URL(`http://${h}/`).hostname;
    } catch {
      // Not a host name the URL parser accepts: matches nothing below, which is right.
    }
  }
  return h;
}

/** The host itself or any name it sits under (a.b.c: a.b.c, b.c, c). */
function inOrUnder(set: ReadonlySet<string>, host: string): boolean {
  for (let h = host; ; ) {
    if (set.has(h)) return true;
    const dot = h.indexOf('.');
    if (dot < 0) return false;
    h = h.slice(dot + 1);
  }
}

/** Strictly below a listed name: a name someone other than the list's owner can hold. */
function strictlyUnder(set: ReadonlySet<string>, host: string): boolean {
  const dot = host.indexOf('.');
  return dot >= 0 && inOrUnder(set, host.slice(dot + 1));
}

export function isDocumentationDomain(host: string): boolean {
  const h = normalizeHost(host);
  return DOCUMENTATION_TLDS.has(h.slice(h.lastIndexOf('.') + 1)) || inOrUnder(DOCUMENTATION_DOMAINS, h);
}

/**
 * On a ranked top list, as a host or by its registrable domain. Registrable domains are taken
 * with the PSL's private suffixes, and names below a dynamic-DNS or user-content platform never
 * match: google.com's hosts are Google's, but foo.duckdns.org and foo.wordpress.com are whoever
 * took them.
 */
export function isPopularDomain(host: string): boolean {
  const h = normalizeHost(host).replace(/^www\./, '');
  if (POPULAR.has(h)) return true;
  if (strictlyUnder(DYNAMIC_DNS, h) || strictlyUnder(USER_CONTENT, h)) return false;
  const registrable = getDomain(h, { allowPrivateDomains: true });
  return registrable !== null && POPULAR.has(registrable);
}

let brands: Set<string> | undefined;
/**
 * A popular site's name without its suffix ("vmware", "rapid7"), lower case in: a capitalised word
 * that is one names the company or its product. Built on first use: a registrable domain is one
 * label before its public suffix.
 */
export function isBrandName(word: string): boolean {
  brands ??= new Set([...POPULAR].map((d) => d.split('.')[0] as string).filter((l) => l.length >= 3));
  return brands.has(word.toLowerCase());
}

let vendors: Set<string> | undefined;
/**
 * A security vendor's or researcher's name as its site spells it ("rapid7", "zscaler"), lower
 * case in: the label before the public suffix of a security-publisher domain. Built on first use.
 */
export function isSecurityVendorName(word: string): boolean {
  vendors ??= new Set(
    [...SECURITY_VENDORS]
      .map((d) => (getDomain(d, { allowPrivateDomains: true }) ?? d).split('.')[0] as string)
      .filter((l) => l.length >= 4),
  );
  return vendors.has(word.toLowerCase());
}

/** A dynamic-DNS provider's name or a name under it: the holder of a subdomain is anyone. */
export const isDynamicDns = (host: string) => inOrUnder(DYNAMIC_DNS, normalizeHost(host));
export const isShortener = (host: string) => inOrUnder(SHORTENERS, normalizeHost(host));
export const isLinkInBio = (host: string) => inOrUnder(LINK_IN_BIO, normalizeHost(host));
/** File drops, cloud drives and paste sites: the host is the service's, the file may be anyone's. */
export const isFileSharing = (host: string) => inOrUnder(FILE_SHARING, normalizeHost(host));
/** "What is my IP" services: malware calls them, they are not its servers. */
export const isIpLookup = (host: string) => inOrUnder(IP_LOOKUP, normalizeHost(host));
/** A free-mail provider's domain (the part after the @). */
export const isWebmail = (domain: string) => inOrUnder(WEBMAIL, normalizeHost(domain));
export const isDisposableEmail = (domain: string) => inOrUnder(DISPOSABLE, normalizeHost(domain));
/** Security vendors', researchers' and security press sites: where reports are published. */
export const isSecurityVendorSite = (host: string) =>
  inOrUnder(SECURITY_VENDORS, normalizeHost(host).replace(/^www\./, ''));
/** A domain-parking service's name servers and sites. */
export const isParkingHost = (host: string) => inOrUnder(PARKING, normalizeHost(host));

function domainCategory(host: string): BenignCategory | undefined {
  if (isDocumentationDomain(host)) return 'documentation';
  // Before every list of services: a dynamic-DNS name is never vouched for by another list.
  if (isDynamicDns(host)) return 'dynamic-dns';
  if (isShortener(host)) return 'url-shortener';
  if (isLinkInBio(host)) return 'link-in-bio';
  if (isFileSharing(host)) return 'file-sharing';
  if (isIpLookup(host)) return 'ip-lookup';
  if (isWebmail(host)) return 'webmail';
  if (isDisposableEmail(host)) return 'disposable-email';
  if (isSecurityVendorSite(host)) return 'security-vendor';
  if (isParkingHost(host)) return 'parking';
  if (isPopularDomain(host)) return 'popular';
  return undefined;
}

// ---------- addresses ----------

function parseIpv4(s: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const part = Number(m[i]);
    if (part > 255) return undefined;
    n = n * 256 + part;
  }
  return n;
}

/**
 * An IPv6 address as 32 lower-case hex digits. Fixed-width hex compares as strings in the same
 * order as the numbers, so the ranges below need no BigInt (which made loading slow).
 */
function parseIpv6(s: string): string | undefined {
  let str = s.toLowerCase();
  const lastColon = str.lastIndexOf(':');
  if (lastColon < 0) return undefined;
  // An IPv4 tail (::ffff:192.0.2.1) is the last two groups written in decimal.
  if (str.includes('.', lastColon)) {
    const v4 = parseIpv4(str.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    str = `${str.slice(0, lastColon + 1)}${Math.floor(v4 / 65536).toString(16)}:${(v4 % 65536).toString(16)}`;
  }
  const halves = str.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return groups.map((g) => g.padStart(4, '0')).join('');
}

/** The first and last address of the block of `len` leading bits, as 32 hex digits. */
function v6Bounds(hex: string, len: number): [string, string] {
  const whole = len >> 2;
  const rest = len & 3;
  const keep = hex.slice(0, whole);
  if (rest === 0) return [keep + '0'.repeat(32 - whole), keep + 'f'.repeat(32 - whole)];
  const mask = (0xf << (4 - rest)) & 0xf;
  const lo = Number.parseInt(hex[whole] as string, 16) & mask;
  const hi = lo | (~mask & 0xf);
  return [keep + lo.toString(16) + '0'.repeat(31 - whole), keep + hi.toString(16) + 'f'.repeat(31 - whole)];
}

/** "addr" or "addr/len" split apart; a bare address is a block of all `bits`. */
function splitBlock(value: string, bits: number): [string, number] | undefined {
  const slash = value.indexOf('/');
  const len = slash < 0 ? bits : Number(value.slice(slash + 1));
  if (!Number.isInteger(len) || len < 0 || len > bits) return undefined;
  return [(slash < 0 ? value : value.slice(0, slash)).trim(), len];
}

function v4Block(value: string): [number, number] | undefined {
  const parts = splitBlock(value, 32);
  const addr = parts && parseIpv4(parts[0]);
  if (!parts || addr === undefined) return undefined;
  const size = 2 ** (32 - parts[1]);
  const start = addr - (addr % size);
  return [start, start + size - 1];
}

function v6Block(value: string): [string, string] | undefined {
  const parts = splitBlock(value, 128);
  const hex = parts && parseIpv6(parts[0]);
  return parts && hex !== undefined ? v6Bounds(hex, parts[1]) : undefined;
}

/** Sorted, disjoint blocks: a binary search finds the one block that can hold an address. */
interface Ranges<T> {
  starts: T[];
  ends: T[];
}

function ranges<T extends number | string>(blocks: [T, T][]): Ranges<T> {
  blocks.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const starts: T[] = [];
  const ends: T[] = [];
  for (const [start, end] of blocks) {
    const last = ends.length - 1;
    const lastEnd = ends[last];
    if (lastEnd !== undefined && start <= lastEnd) {
      if (end > lastEnd) ends[last] = end;
    } else {
      starts.push(start);
      ends.push(end);
    }
  }
  return { starts, ends };
}

/** Whether one block holds all of [lo, hi]. */
function holds<T extends number | string>(r: Ranges<T>, lo: T, hi: T): boolean {
  let a = 0;
  let b = r.starts.length - 1;
  let found = -1;
  while (a <= b) {
    const mid = (a + b) >> 1;
    if ((r.starts[mid] as T) <= lo) {
      found = mid;
      a = mid + 1;
    } else b = mid - 1;
  }
  return found >= 0 && hi <= (r.ends[found] as T);
}

/** The generated file's IPv4 blocks: [start, end] pairs, flattened, already sorted and merged. */
function v4Pairs(flat: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i] as number, flat[i + 1] as number]);
  return out;
}

function v6Cidrs(cidrs: readonly string[]): [string, string][] {
  return cidrs.map((c) => {
    const block = v6Block(c);
    if (!block) throw new Error(`benign.json: bad IPv6 block ${c}`);
    return block;
  });
}

interface AddressList {
  v4: Ranges<number>;
  v6: Ranges<string>;
}

const addressList = (list: { ipv4: readonly number[]; ipv6: readonly string[] }): AddressList => ({
  v4: ranges(v4Pairs(list.ipv4)),
  v6: ranges(v6Cidrs(list.ipv6)),
});

// RFC 5737 (TEST-NET-1..3), RFC 6676 (MCAST-TEST-NET), RFC 3849 and RFC 9637: reserved for
// documentation, so an address in them is an example however a report presents it.
const DOCUMENTATION_IPS: AddressList = {
  v4: ranges(
    ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '233.252.0.0/24'].map((c) => v4Block(c) as [number, number]),
  ),
  v6: ranges(['2001:db8::/32', '3fff::/20'].map((c) => v6Block(c) as [string, string])),
};
const PUBLIC_DNS = addressList(data.addresses['public-dns']);
const SINKHOLES = addressList(data.addresses.sinkhole);
const PARKING_IPS = addressList(data.addresses.parking);
const NETWORKS = NETWORK_PROVIDERS.map((provider) => {
  const n = data.networks[provider];
  return { provider, kind: n.kind === 'cdn' ? ('cdn' as const) : ('cloud' as const), list: addressList(n) };
});

type Block = { v: 4; lo: number; hi: number } | { v: 6; lo: string; hi: string };

// ::ffff:0:0/96 carries an IPv4 address in IPv6 form; it is looked up as that IPv4 address.
const MAPPED_V4 = '00000000000000000000ffff';

/** An address or CIDR block, either family; IPv6 may be bracketed. */
function block(ip: string): Block | undefined {
  const s = ip.trim().replace(/^\[(.*)\]$/, '$1');
  if (!s.includes(':')) {
    const b = v4Block(s);
    return b && { v: 4, lo: b[0], hi: b[1] };
  }
  const b = v6Block(s);
  if (!b) return undefined;
  if (b[0].startsWith(MAPPED_V4) && b[1].startsWith(MAPPED_V4))
    return { v: 4, lo: Number.parseInt(b[0].slice(24), 16), hi: Number.parseInt(b[1].slice(24), 16) };
  return { v: 6, lo: b[0], hi: b[1] };
}

function inList(list: AddressList, b: Block): boolean {
  return b.v === 4 ? holds(list.v4, b.lo, b.hi) : holds(list.v6, b.lo, b.hi);
}

const onList = (list: AddressList, ip: string) => {
  const b = block(ip);
  return b !== undefined && inList(list, b);
};

export const isDocumentationIp = (ip: string) => onList(DOCUMENTATION_IPS, ip);
/** One of the big public resolvers (8.8.8.8, 1.1.1.1, 9.9.9.9 ...), not any open resolver. */
export const isPublicDns = (ip: string) => onList(PUBLIC_DNS, ip);
/** A known sinkhole: the name pointing here was taken from the adversary. */
export const isSinkhole = (ip: string) => onList(SINKHOLES, ip);
export const isParkingIp = (ip: string) => onList(PARKING_IPS, ip);

/**
 * Which CDN or cloud publishes the address as its own. This says who runs the network, not that
 * the address is benign: anyone can rent a cloud server, and a CDN address fronts many sites.
 */
export function networkOf(ip: string): { provider: NetworkProvider; kind: 'cdn' | 'cloud' } | undefined {
  const b = block(ip);
  if (!b) return undefined;
  const hit = NETWORKS.find((n) => inList(n.list, b));
  return hit && { provider: hit.provider, kind: hit.kind };
}

export const inCloudRange = (ip: string) => networkOf(ip) !== undefined;

function ipCategory(ip: string): BenignCategory | undefined {
  const b = block(ip);
  if (!b) return undefined;
  if (inList(DOCUMENTATION_IPS, b)) return 'documentation';
  if (inList(SINKHOLES, b)) return 'sinkhole';
  if (inList(PUBLIC_DNS, b)) return 'public-dns';
  const network = NETWORKS.find((n) => inList(n.list, b));
  // A CDN address fronts many sites, a parking service among them; a cloud address listed as
  // parking is the parking service's own server.
  if (network?.kind === 'cdn') return 'cdn-range';
  if (inList(PARKING_IPS, b)) return 'parking';
  return network && 'cloud-range';
}

// ---------- file hashes ----------

const EMPTY_FILE = new Set(data.hashes['empty-file']);
const KNOWN_FALSE_POSITIVE = new Set(data.hashes['known-false-positive']);
const TEST_FILE = new Set(data.hashes['test-file']);

/** MD5, SHA-1, SHA-224, SHA-256 or SHA-512 (or the ssdeep "3::") of zero bytes. */
export const isEmptyFileHash = (hex: string) => EMPTY_FILE.has(hex.trim().toLowerCase());

function hashCategory(hex: string): BenignCategory | undefined {
  const h = hex.trim().toLowerCase();
  if (EMPTY_FILE.has(h)) return 'empty-file';
  if (TEST_FILE.has(h)) return 'test-file';
  if (KNOWN_FALSE_POSITIVE.has(h)) return 'known-false-positive';
  return undefined;
}

// ---------- any value ----------

function urlHost(url: string): string | undefined {
  const s = url.trim();
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? s : `http://${s}`).hostname || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The first benign list a value is on, most specific first (bit.ly is a shortener before it is
 * popular). For a URL the category is its host's: the path on a file-sharing site or a popular
 * code host may still be the adversary's. For an e-mail address only the lists that say who
 * gives out addresses count (documentation, webmail, disposable-email).
 */
export function benignCategory(type: BenignValueType, value: string): BenignCategory | undefined {
  switch (type) {
    case 'domain-name':
      return domainCategory(value);
    case 'ipv4-addr':
    case 'ipv6-addr':
      return ipCategory(value);
    case 'file':
      return hashCategory(value);
    case 'email-addr': {
      const domain = value.slice(value.lastIndexOf('@') + 1);
      if (!value.includes('@') || !domain) return undefined;
      if (isDocumentationDomain(domain)) return 'documentation';
      if (isWebmail(domain)) return 'webmail';
      if (isDisposableEmail(domain)) return 'disposable-email';
      return undefined;
    }
    case 'url': {
      const host = urlHost(value);
      if (!host) return undefined;
      return host.startsWith('[') || parseIpv4(host) !== undefined ? ipCategory(host) : domainCategory(host);
    }
  }
}
