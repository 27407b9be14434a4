import ipaddr from 'ipaddr.js';

// Which network addresses the fetcher may connect to. A report URL comes from outside, so a
// URL that points at the fetcher's own network (loopback, RFC 1918, cloud metadata ...) is the
// classic SSRF: only globally routable unicast addresses are fetched, unless an operator lists a
// host:port in `allow`.

export const ADDRESS_CLASSES = [
  'public',
  'loopback',
  'private',
  'carrier-grade-nat',
  'link-local',
  'multicast',
  'unique-local',
  'unspecified',
  'broadcast',
  'cloud-metadata',
  'tunnel',
  'reserved',
] as const;
export type AddressClass = (typeof ADDRESS_CLASSES)[number];

/** How each class reads in a refusal: "refused: 127.0.0.1 is a loopback address". */
const DESCRIPTION: Record<AddressClass, string> = {
  public: 'a public address',
  loopback: 'a loopback address',
  private: 'a private (RFC 1918) address',
  'carrier-grade-nat': 'a carrier-grade NAT (100.64.0.0/10) address',
  'link-local': 'a link-local address',
  multicast: 'a multicast address',
  'unique-local': 'a unique local (fc00::/7) address',
  unspecified: 'an unspecified ("this network") address',
  broadcast: 'the broadcast address',
  'cloud-metadata': 'a cloud metadata service address',
  tunnel: 'a tunnel (Teredo) address',
  reserved: 'a reserved or special-purpose address',
};

export interface AddressVerdict {
  /** The address in canonical form (dotted quad, RFC 5952 IPv6). */
  address: string;
  class: AddressClass;
  allowed: boolean;
  /** "a loopback address", or "an IPv4-mapped form of 127.0.0.1, a loopback address". */
  description: string;
}

const IPV4_CLASS: Record<ReturnType<ipaddr.IPv4['range']>, AddressClass> = {
  unicast: 'public',
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  multicast: 'multicast',
  linkLocal: 'link-local',
  loopback: 'loopback',
  carrierGradeNat: 'carrier-grade-nat',
  private: 'private',
  reserved: 'reserved',
  benchmarking: 'reserved',
  amt: 'reserved',
  as112: 'reserved',
};

const CLOUD_METADATA = new Set(['169.254.169.254', 'fd00:ec2::254', '100.100.100.200']);

/** IPv6 forms that carry an IPv4 address in their low 32 bits: classify them by that address. */
const EMBEDDED_IPV4: { prefix: [ipaddr.IPv6, number]; name: string }[] = [
  { prefix: ipaddr.IPv6.parseCIDR('::ffff:0:0/96'), name: 'an IPv4-mapped form' },
  { prefix: ipaddr.IPv6.parseCIDR('::/96'), name: 'an IPv4-compatible form' },
  { prefix: ipaddr.IPv6.parseCIDR('::ffff:0:0:0/96'), name: 'an IPv4-translated form' },
  { prefix: ipaddr.IPv6.parseCIDR('64:ff9b::/96'), name: 'a NAT64 form' },
];
const SIX_TO_FOUR = ipaddr.IPv6.parseCIDR('2002::/16');
const GLOBAL_UNICAST = ipaddr.IPv6.parseCIDR('2000::/3');

/**
 * The canonical address if `host` is an IP literal in any spelling a URL accepts (2130706433,
 * 0177.0.0.1, 0x7f.1, 127.1, [::ffff:7f00:1]), else undefined (a name). WHATWG URL parsing
 * is used on purpose: it is exactly how the HTTP client will read the same host.
 */
export function ipLiteralOf(host: string): string | undefined {
  // A bare IPv6 literal ("::1") is bracketed the way it would appear in a URL.
  const urlHost = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  let hostname: string;
  try {
    hostname = new URL(`http://${urlHost}/`).hostname;
  } catch {
    return undefined;
  }
  const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  if (ipaddr.IPv6.isValid(bare) && hostname.startsWith('[')) return ipaddr.IPv6.parse(bare).toRFC5952String();
  if (ipaddr.IPv4.isValidFourPartDecimal(bare)) return bare;
  return undefined;
}

function classifyIPv4(ip: ipaddr.IPv4): AddressClass {
  const text = ip.toString();
  if (CLOUD_METADATA.has(text)) return 'cloud-metadata';
  return IPV4_CLASS[ip.range()];
}

function verdict(address: string, cls: AddressClass, description = DESCRIPTION[cls]): AddressVerdict {
  return { address, class: cls, allowed: cls === 'public', description };
}

/** Classifies one IP literal (any spelling `ipLiteralOf` accepts). Throws on a name. */
export function classifyAddress(literal: string): AddressVerdict {
  const canonical = ipLiteralOf(literal);
  if (canonical === undefined) throw new TypeError(`not an IP address: ${literal}`);
  if (ipaddr.IPv4.isValidFourPartDecimal(canonical)) {
    return verdict(canonical, classifyIPv4(ipaddr.IPv4.parse(canonical)));
  }
  const ip = ipaddr.IPv6.parse(canonical);
  if (CLOUD_METADATA.has(canonical)) return verdict(canonical, 'cloud-metadata');
  const range = ip.range();
  if (range === 'loopback') return verdict(canonical, 'loopback');
  if (range === 'unspecified') return verdict(canonical, 'unspecified');
  for (const { prefix, name } of EMBEDDED_IPV4) {
    if (!ip.match(prefix)) continue;
    const inner = ipaddr.IPv4.parse(
      ip.parts
        .slice(6)
        .flatMap((p) => [p >> 8, p & 0xff])
        .join('.'),
    );
    const cls = classifyIPv4(inner);
    return verdict(canonical, cls, `${name} of ${inner.toString()}, ${DESCRIPTION[cls]}`);
  }
  if (ip.match(SIX_TO_FOUR)) {
    const inner = ipaddr.IPv4.parse(
      ip.parts
        .slice(1, 3)
        .flatMap((p) => [p >> 8, p & 0xff])
        .join('.'),
    );
    const cls = classifyIPv4(inner);
    return verdict(canonical, cls, `a 6to4 form of ${inner.toString()}, ${DESCRIPTION[cls]}`);
  }
  const byRange: Partial<Record<ReturnType<ipaddr.IPv6['range']>, AddressClass>> = {
    linkLocal: 'link-local',
    multicast: 'multicast',
    uniqueLocal: 'unique-local',
    teredo: 'tunnel',
  };
  const cls = byRange[range];
  if (cls) return verdict(canonical, cls);
  // Everything else that ipaddr.js names (documentation, benchmarking, ORCHID ...) or that lies
  // outside 2000::/3 (site-local, unassigned) is not a place a public report lives.
  return verdict(canonical, range === 'unicast' && ip.match(GLOBAL_UNICAST) ? 'public' : 'reserved');
}

/** "refused: 127.0.0.1 is a loopback address" / "refused: evil.example resolves to 10.0.0.5, a private ..." */
export function refusalMessage(host: string, v: AddressVerdict): string {
  return host === v.address || ipLiteralOf(host) === v.address
    ? `refused: ${v.address} is ${v.description}`
    : `refused: ${host} resolves to ${v.address}, ${v.description}`;
}
