import type { Finding } from '@stixmill/contracts';
import {
  buildSco,
  comparison,
  equalsPattern,
  type HashAlgorithm,
  objectPath,
  observation,
  type Sco,
  type ScoType,
} from '@stixmill/stix';

// Observable findings -> the SCO a SOC matches on, and the STIX pattern its indicator carries.

/** What an observable finding becomes: its SCO, a pattern that matches it, and a label for the indicator's name. */
export interface MappedObservable {
  sco: Sco;
  pattern: string;
  label: string;
}

export type Marking = { object_marking_refs: `marking-definition--${string}`[] };

const HASH_BY_LENGTH: Record<number, HashAlgorithm> = { 32: 'MD5', 40: 'SHA-1', 64: 'SHA-256', 128: 'SHA-512' };

/** MD5, SHA-1, SHA-256, SHA-512 however the extractor spelled it (sha256, SHA256, sha-256 ...). */
export function hashAlgorithm(value: string, declared: string | undefined): HashAlgorithm | undefined {
  if (declared !== undefined) {
    const compact = declared.toUpperCase().replace(/[^A-Z0-9]/g, '');
    const known: Record<string, HashAlgorithm> = { MD5: 'MD5', SHA1: 'SHA-1', SHA256: 'SHA-256', SHA512: 'SHA-512' };
    return known[compact];
  }
  return HASH_BY_LENGTH[value.length];
}

/** `user-account` account_type: the service as an open-vocabulary value (GitHub -> github). */
function accountType(service: string | undefined): string | undefined {
  const slug = service
    ?.toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return slug ? slug : undefined;
}

/** RFC 3986 allows these characters; anything else (a backslash, a space, non-ASCII) is percent-encoded. */
export function toUri(value: string): string {
  // A report may write a URL without its scheme ("github.com/team/repo"); a STIX url needs one.
  const absolute = /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `https://${value}`;
  return absolute.replace(/[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/gu, (c) => encodeURIComponent(c));
}

function phoneValue(value: string): string {
  return value.replace(/[\s().\-/]/g, '');
}

function macValue(value: string): string {
  return value.toLowerCase().replaceAll('-', ':');
}

/** The pattern of an SCO matched by its `value` (taken from the built SCO, so it is the normalised value). */
function byValue(sco: Sco & { value: string }, label: string): MappedObservable {
  return { sco, pattern: equalsPattern(sco.type, ['value'], sco.value), label };
}

type ObservableMapper = (finding: Finding, marking: Marking) => MappedObservable;

/** One mapper per observable type the extractor emits (vulnerability is an SDO: see entities.ts). */
export const OBSERVABLE_MAPPERS = {
  'ipv4-addr': (f, m) => byValue(buildSco('ipv4-addr', { value: f.value, ...m }), 'IPv4 address'),
  'ipv6-addr': (f, m) => byValue(buildSco('ipv6-addr', { value: f.value.toLowerCase(), ...m }), 'IPv6 address'),
  'domain-name': (f, m) =>
    byValue(buildSco('domain-name', { value: f.value.toLowerCase().replace(/\.$/, ''), ...m }), 'Domain'),
  url: (f, m) => byValue(buildSco('url', { value: toUri(f.value), ...m }), 'URL'),
  'email-addr': (f, m) => byValue(buildSco('email-addr', { value: f.value, ...m }), 'Email address'),
  'mac-addr': (f, m) => byValue(buildSco('mac-addr', { value: macValue(f.value), ...m }), 'MAC address'),
  file: (f, m) => {
    const value = f.value.toLowerCase();
    const algorithm = hashAlgorithm(value, f.props.algorithm);
    if (algorithm === undefined)
      throw new TypeError(`unknown hash algorithm ${f.props.algorithm ?? `for length ${value.length}`}`);
    const sco = buildSco('file', { hashes: { [algorithm]: value }, ...m });
    return { sco, pattern: equalsPattern('file', ['hashes', algorithm], value), label: `${algorithm} hash` };
  },
  'cryptocurrency-wallet': (f, m) => {
    const chain = f.props.chain?.toUpperCase();
    const sco = buildSco('cryptocurrency-wallet', { value: f.value, ...(chain ? { chain } : {}), ...m });
    return byValue(sco, chain ? `${chain} wallet` : 'Cryptocurrency wallet');
  },
  'phone-number': (f, m) => {
    return byValue(buildSco('phone-number', { value: phoneValue(f.value), ...m }), 'Phone number');
  },
  'user-account': (f, m) => {
    const type = accountType(f.props.service);
    const sco = buildSco('user-account', { account_login: f.value, ...(type ? { account_type: type } : {}), ...m });
    // The pattern matches the login alone: account_type is our open-vocabulary guess at the
    // service, and sensors that log a login rarely log it the same way. The service stays on
    // the SCO and in the indicator's name.
    const pattern = observation([comparison(objectPath('user-account', 'account_login'), '=', f.value)]);
    return { sco, pattern, label: f.props.service ? `${f.props.service} account` : 'User account' };
  },
  'autonomous-system': (f, m) => {
    const number = Number(f.value.replace(/^AS/i, ''));
    if (!Number.isSafeInteger(number)) throw new TypeError(`not an AS number: ${f.value}`);
    const sco = buildSco('autonomous-system', { number, ...(f.props.name ? { name: f.props.name } : {}), ...m });
    return { sco, pattern: equalsPattern('autonomous-system', ['number'], number), label: 'Autonomous system' };
  },
} as const satisfies Record<ScoType, ObservableMapper>;

export function isMappedObservable(type: string): type is keyof typeof OBSERVABLE_MAPPERS {
  return type in OBSERVABLE_MAPPERS;
}
