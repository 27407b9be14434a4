import { createHash, timingSafeEqual } from 'node:crypto';
import { HttpError } from './errors.ts';

export interface AuthConfig {
  /** HTTP Basic users (what medallion, Sentinel, OpenCTI and taxii2-client all support). */
  users?: readonly { name: string; password: string; write?: boolean; review?: boolean; evidence?: boolean }[];
  /** Bearer tokens: `Authorization: Bearer T` (OpenCTI) or `Token T` (taxii2-client's TokenAuth). */
  tokens?: readonly { token: string; name?: string; write?: boolean; review?: boolean; evidence?: boolean }[];
  /**
   * With users or tokens configured: whether a request without credentials may read the
   * collections open to `anonymous` (default false: every request needs credentials).
   */
  anonymousRead?: boolean;
}

export interface Principal {
  name: string;
  /** May submit reports, and add and delete objects in writable collections without a rule of their own. */
  write: boolean;
  /** Proved who they are; false for the anonymous reader and for everyone on an open server. */
  authenticated: boolean;
  /** false: this client gets objects without stixmill's evidence property (standard STIX only). */
  evidence?: boolean;
  /** May review reports and publish them (the review gate); without the setting, whoever may write. */
  review?: boolean;
}

/** Everyone, when no users or tokens are configured (a laptop on 127.0.0.1). */
export const OPEN_ACCESS: Principal = { name: 'anonymous', write: true, review: true, authenticated: false };
/** A request without credentials where the operator allows anonymous reads. */
export const ANONYMOUS_READER: Principal = { name: 'anonymous', write: false, authenticated: false };

export const CHALLENGE = { 'www-authenticate': 'Basic realm="stixmill", charset="UTF-8"' };

// Hash both sides so the comparison takes the same time whatever the lengths.
function same(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

export function isAuthEnabled(config: AuthConfig | undefined): boolean {
  return Boolean(config?.users?.length || config?.tokens?.length);
}

export function unauthorized(message: string): HttpError {
  return new HttpError('unauthorized', message, { headers: CHALLENGE });
}

/**
 * Who sent the request. Throws 401 (with a Basic challenge) for unknown credentials, and for
 * none at all unless anonymous reads are allowed.
 */
/** A configured user's or token's rights: a reviewer by default where it may write. */
function principalOf(name: string, rights: { write?: boolean; review?: boolean; evidence?: boolean }): Principal {
  const write = rights.write ?? false;
  return { name, write, review: rights.review ?? write, authenticated: true, evidence: rights.evidence ?? true };
}

export function authenticate(config: AuthConfig | undefined, header: string | undefined): Principal {
  if (!isAuthEnabled(config)) return OPEN_ACCESS;
  if (!header) {
    if (config?.anonymousRead) return ANONYMOUS_READER;
    throw unauthorized('credentials required (HTTP Basic or a bearer token)');
  }
  const space = header.indexOf(' ');
  const scheme = space > 0 ? header.slice(0, space).toLowerCase() : '';
  const value = space > 0 ? header.slice(space + 1).trim() : '';
  let found: Principal | undefined;
  if (scheme === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const name = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    // Check every user so the time taken does not tell which names exist.
    for (const user of config?.users ?? []) {
      if (colon > 0 && same(user.name, name) && same(user.password, password)) found = principalOf(user.name, user);
    }
  } else if (scheme === 'bearer' || scheme === 'token') {
    for (const token of config?.tokens ?? []) {
      if (same(token.token, value)) found = principalOf(token.name ?? 'token', token);
    }
  }
  if (found) return found;
  throw unauthorized('unknown credentials');
}

/** The user name an HTTP Basic header claims (to count failed logins against), if any. */
export function claimedUser(header: string | undefined): string | undefined {
  const match = /^basic\s+(\S+)/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 ? decoded.slice(0, colon) : undefined;
}

/** Submitting reports: a writer, or anyone on an open server. */
export function requireWrite(principal: Principal): void {
  if (principal.write) return;
  if (!principal.authenticated) throw unauthorized('credentials required to write');
  throw new HttpError('forbidden', `${principal.name} may not write`);
}

/** Reviewing and publishing reports: a reviewer, or anyone on an open server. */
export function requireReview(principal: Principal): void {
  if (principal.review) return;
  if (!principal.authenticated) throw unauthorized('credentials required to review');
  throw new HttpError('forbidden', `${principal.name} may not review or publish reports`);
}

/** The report API shows what was submitted (sources of any TLP): never to the anonymous reader. */
export function requireIdentified(principal: Principal): void {
  if (principal === ANONYMOUS_READER) throw unauthorized('credentials required');
}
