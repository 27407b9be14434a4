// The `next` token of a TAXII page. It is stateless: it carries the position of the last object
// returned (its date_added and id), so any replica of the server can serve the next page and a
// token stays valid for as long as a client cares to wait between polls. It also carries a digest
// of the request it continues (the collection and the filters): a client that sends it with
// another collection or other filters (OpenCTI's connector reuses its last token across
// collections) gets a 400, not a page that silently starts somewhere else.
import { createHash } from 'node:crypto';

export interface Cursor {
  /** date_added of the last object returned, in microseconds. */
  dateAdded: number;
  /** id of the last object returned (breaks ties; date_added is unique per collection anyway). */
  id: string;
  /** Digest of the request the token continues; absent in tokens issued before it was added. */
  scope?: string;
}

const PREFIX = 'v2.';
/** Tokens issued before the scope was added: still honoured, so a client mid-poll is not broken. */
const LEGACY_PREFIX = 'v1.';

/** A short digest of what a page request selects (its collection and filters, not its limit). */
export function cursorScope(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('base64url').slice(0, 16);
}

export function encodeCursor(cursor: Cursor): string {
  const body = `${cursor.dateAdded}|${cursor.id}${cursor.scope === undefined ? '' : `|${cursor.scope}`}`;
  return (cursor.scope === undefined ? LEGACY_PREFIX : PREFIX) + Buffer.from(body, 'utf8').toString('base64url');
}

/** The cursor in a token, or undefined when the token is not one of ours. */
export function decodeCursor(token: string): Cursor | undefined {
  const legacy = token.startsWith(LEGACY_PREFIX);
  if ((!legacy && !token.startsWith(PREFIX)) || token.length > 400) return undefined;
  const body = token.slice(PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(body)) return undefined;
  const parts = Buffer.from(body, 'base64url').toString('utf8').split('|');
  // An id holds no bar: "<micros>|<id>" (v1) or "<micros>|<id>|<scope>" (v2).
  if (parts.length !== (legacy ? 2 : 3)) return undefined;
  const [digits = '', id = '', scope] = parts;
  if (!/^\d{1,17}$/.test(digits) || id.length === 0) return undefined;
  if (scope !== undefined && !/^[A-Za-z0-9_-]{16}$/.test(scope)) return undefined;
  const dateAdded = Number(digits);
  if (!Number.isSafeInteger(dateAdded)) return undefined;
  return scope === undefined ? { dateAdded, id } : { dateAdded, id, scope };
}
