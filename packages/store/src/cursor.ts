// The `next` token of a TAXII page. It is stateless: it carries the position of the last object
// returned (its date_added and id), so any replica of the server can serve the next page and a
// token stays valid for as long as a client cares to wait between polls.

export interface Cursor {
  /** date_added of the last object returned, in microseconds. */
  dateAdded: number;
  /** id of the last object returned (breaks ties; date_added is unique per collection anyway). */
  id: string;
}

const PREFIX = 'v1.';

export function encodeCursor(cursor: Cursor): string {
  return PREFIX + Buffer.from(`${cursor.dateAdded}|${cursor.id}`, 'utf8').toString('base64url');
}

/** The cursor in a token, or undefined when the token is not one of ours. */
export function decodeCursor(token: string): Cursor | undefined {
  if (!token.startsWith(PREFIX) || token.length > 400) return undefined;
  const body = token.slice(PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(body)) return undefined;
  const text = Buffer.from(body, 'base64url').toString('utf8');
  const bar = text.indexOf('|');
  if (bar <= 0) return undefined;
  const digits = text.slice(0, bar);
  const id = text.slice(bar + 1);
  if (!/^\d{1,17}$/.test(digits) || id.length === 0) return undefined;
  const dateAdded = Number(digits);
  if (!Number.isSafeInteger(dateAdded)) return undefined;
  return { dateAdded, id };
}
