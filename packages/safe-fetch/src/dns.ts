import { lookup } from 'node:dns/promises';
import { StageError } from '@stixmill/contracts';
import { type AddressVerdict, classifyAddress, ipLiteralOf, refusalMessage } from './address-policy.ts';
import type { AllowList } from './allow-list.ts';

// Name resolution for the fetcher, done once per connection: the address checked here is the
// address connected to (see http.ts), so a DNS server that answers differently the second time
// (rebinding) never gets a second time.

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to its addresses; injected so tests can play a hostile DNS server. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** The operating system's resolver (getaddrinfo: /etc/hosts, then DNS). */
export const systemResolver: Resolver = async (hostname) => {
  const answers = await lookup(hostname, { all: true, order: 'verbatim' });
  return answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

function check(address: string): AddressVerdict {
  try {
    return classifyAddress(address);
  } catch {
    // An answer that is not a plain IP (a zone id, garbage) is not connected to.
    return { address, class: 'reserved', allowed: false, description: 'not a plain IP address' };
  }
}

const UNREACHABLE_DNS = new Set(['ENOTFOUND', 'EAI_NONAME', 'EAI_NODATA', 'ENODATA', 'EAI_AGAIN', 'ESERVFAIL']);

/**
 * The one address to connect to for host:port, or a StageError: `blocked_address` when the
 * host is (or any of its addresses is) not public and host:port is not allowed, `unreachable`
 * when the name does not resolve. A name with one private address among public ones is refused
 * whole: that mix is how rebinding attacks look.
 */
export async function resolveTarget(
  host: string,
  port: number,
  options: { resolve: Resolver; allow: AllowList },
): Promise<ResolvedAddress> {
  const literal = ipLiteralOf(host);
  if (literal !== undefined) {
    const v = check(literal);
    if (!v.allowed && !options.allow.has(literal, port)) {
      throw new StageError('blocked_address', refusalMessage(host, v), { details: { host, address: literal } });
    }
    return { address: literal, family: literal.includes(':') ? 6 : 4 };
  }
  let answers: ResolvedAddress[];
  try {
    answers = await options.resolve(host);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? '';
    const message = UNREACHABLE_DNS.has(code) ? `${host} does not resolve (${code})` : `DNS lookup of ${host} failed`;
    throw new StageError('unreachable', message, { cause, details: { host } });
  }
  const first = answers[0];
  if (!first) throw new StageError('unreachable', `${host} has no addresses`, { details: { host } });
  if (options.allow.has(host, port)) return first;
  for (const answer of answers) {
    const v = check(answer.address);
    if (!v.allowed && !options.allow.has(v.address, port)) {
      throw new StageError('blocked_address', refusalMessage(host, v), { details: { host, address: v.address } });
    }
  }
  return first;
}
