import { createHash, timingSafeEqual } from 'node:crypto';
import { HttpError } from './errors.ts';

export interface AuthConfig {
  /** HTTP Basic users (what medallion, Sentinel, OpenCTI and taxii2-client all support). */
  users?: readonly { name: string; password: string; write?: boolean }[];
  /** Bearer tokens: `Authorization: Bearer T` (OpenCTI) or `Token T` (taxii2-client's TokenAuth). */
  tokens?: readonly { token: string; name?: string; write?: boolean }[];
}

export interface Principal {
  name: string;
  /** May add and delete objects in writable collections and submit reports. */
  write: boolean;
}

/** Everyone, when no users or tokens are configured. */
export const ANONYMOUS: Principal = { name: 'anonymous', write: true };

const CHALLENGE = { 'www-authenticate': 'Basic realm="stixmill", charset="UTF-8"' };

// Hash both sides so the comparison takes the same time whatever the lengths.
function same(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

export function isAuthEnabled(config: AuthConfig | undefined): boolean {
  return Boolean(config?.users?.length || config?.tokens?.length);
}

/** Who sent the request; throws 401 (with a Basic challenge) when auth is on and they are unknown. */
export function authenticate(config: AuthConfig | undefined, header: string | undefined): Principal {
  if (!isAuthEnabled(config)) return ANONYMOUS;
  const space = header?.indexOf(' ') ?? -1;
  const scheme = header && space > 0 ? header.slice(0, space).toLowerCase() : '';
  const value = header && space > 0 ? header.slice(space + 1).trim() : '';
  if (scheme === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const name = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    // Check every user so the time taken does not tell which names exist.
    let found: Principal | undefined;
    for (const user of config?.users ?? []) {
      if (colon > 0 && same(user.name, name) && same(user.password, password))
        found = { name: user.name, write: user.write ?? false };
    }
    if (found) return found;
  } else if (scheme === 'bearer' || scheme === 'token') {
    let found: Principal | undefined;
    for (const token of config?.tokens ?? []) {
      if (same(token.token, value)) found = { name: token.name ?? 'token', write: token.write ?? false };
    }
    if (found) return found;
  }
  throw new HttpError(
    'unauthorized',
    header ? 'unknown credentials' : 'credentials required (HTTP Basic or a bearer token)',
    {
      headers: CHALLENGE,
    },
  );
}

export function requireWrite(principal: Principal): void {
  if (!principal.write) throw new HttpError('forbidden', `${principal.name} may not write`);
}
