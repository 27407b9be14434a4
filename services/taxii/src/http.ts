import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Log } from '@stixmill/contracts';
import { HttpError } from './errors.ts';

export function send(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/**
 * How much of a refused body we still read and discard. Most clients send the whole body before
 * they read the answer; closing on them mid-upload gives them EPIPE instead of our 413.
 */
const DISCARD_LIMIT_BYTES = 64 * 1024 * 1024;

/** The request body, refused with 413 past `maxBytes` (by its Content-Length or as it streams in). */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  const refuse = (message: string) => new HttpError('too_large', message);
  if (Number.isFinite(declared) && declared > maxBytes) {
    if (declared <= DISCARD_LIMIT_BYTES) await discard(req);
    throw refuse(`the body is ${declared} bytes; the limit is ${maxBytes}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > DISCARD_LIMIT_BYTES) break;
    if (size <= maxBytes) chunks.push(chunk);
  }
  if (size > maxBytes) throw refuse(`the body is over the limit of ${maxBytes} bytes`);
  return Buffer.concat(chunks);
}

async function discard(req: IncomingMessage): Promise<void> {
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > DISCARD_LIMIT_BYTES) return;
  }
}

export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new HttpError('bad_request', 'the body is not valid JSON', { cause: error });
  }
}

export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch (error) {
    throw new HttpError('bad_request', `malformed path segment ${segment}`, { cause: error });
  }
}

/**
 * Answer a failed request. Known errors keep their status; anything else is logged and answered
 * as a 500 without internals. A too-large body was not read to its end, so the connection closes.
 */
export function sendError(
  res: ServerResponse,
  error: HttpError | undefined,
  cause: unknown,
  options: { contentType: string; render: (e: HttpError) => unknown; log?: Log | undefined; path: string },
): void {
  if (!error) options.log?.error({ err: cause, path: options.path }, 'request failed');
  const httpError = error ?? new HttpError('internal', 'the server failed to answer; see its log');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const headers = httpError.code === 'too_large' ? { ...httpError.headers, connection: 'close' } : httpError.headers;
  send(res, httpError.status, options.contentType, options.render(httpError), headers);
}
