import type { LookupFunction } from 'node:net';
import { PassThrough, type Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { StageError } from '@stixmill/contracts';
import { Agent, request } from 'undici';
import { type AllowList, parseAllowList } from './allow-list.ts';
import { type ResolvedAddress, type Resolver, resolveTarget, systemResolver } from './dns.ts';
import {
  ALLOWED_CONTENT_TYPES,
  allowedType,
  formatContentType,
  isGenericType,
  parseContentType,
  sniffContentType,
  unsupportedType,
} from './sniff.ts';

// An HTTP GET for URLs that strangers submit: every hop's address checked and pinned, limits on
// time and size enforced while the bytes arrive, not after.

export const USER_AGENT = 'stixmill/0.1 (+https://github.com/stixmill/stixmill)';

export interface SafeFetchOptions {
  /** The whole fetch, all redirects and the body included. */
  timeoutMs: number;
  connectTimeoutMs: number;
  /** Limit on the body, counted both as received and as decompressed. */
  maxBytes: number;
  maxRedirects: number;
  /** host:port pairs that may be private (see allow-list.ts). */
  allow: readonly string[];
  resolve?: Resolver;
  signal?: AbortSignal;
  /**
   * Validators from an earlier response (RFC 9110, 13.1): the origin answers 304 Not
   * Modified, with no body, when the document has not changed. Used by the feed watcher.
   */
  conditional?: { etag?: string; lastModified?: string };
}

export interface FetchedResponse {
  url: string;
  /** The URL that answered, after redirects. */
  finalUrl: string;
  status: number;
  /** The allowed media type, with its charset when the server gave one. */
  contentType: string;
  body: Uint8Array;
  /** Each URL redirected to, in order. */
  redirects: string[];
  /** Validators for the next conditional request, when the origin gave them. */
  etag?: string;
  lastModified?: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function parseUrl(raw: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch (cause) {
    throw new StageError('invalid_message', `not a URL: ${raw.slice(0, 200)}`, { cause });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new StageError('blocked_address', `refused: only http and https URLs are fetched, not ${url.protocol}`, {
      details: { url: url.href.slice(0, 200) },
    });
  }
  if (url.username || url.password) {
    throw new StageError('blocked_address', 'refused: URLs with a user name or password are not fetched');
  }
  url.hash = '';
  return url;
}

/** Hands net.connect the address that was checked instead of resolving the name again. */
function pinnedLookup(target: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [target]);
    else callback(null, target.address, target.family);
  };
}

function tooLarge(maxBytes: number, what: string): StageError {
  return new StageError('too_large', `refused: the document is larger than ${maxBytes} bytes ${what}`, {
    details: { maxBytes },
  });
}

/** Counts bytes through a stream and fails it as soon as the count passes the limit. */
function byteLimit(maxBytes: number, what: string): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      seen += chunk.length;
      if (seen > maxBytes) callback(tooLarge(maxBytes, what));
      else callback(null, chunk);
    },
  });
}

function decoderFor(encoding: string): Transform {
  switch (encoding) {
    case '':
    case 'identity':
      return new PassThrough();
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      throw unsupportedType(`content encoding ${encoding}`);
  }
}

async function readBody(body: Readable, encoding: string, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await pipeline(
    body,
    byteLimit(maxBytes, 'as received'),
    decoderFor(encoding),
    byteLimit(maxBytes, 'once decompressed'),
    async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) chunks.push(chunk);
    },
  );
  return Buffer.concat(chunks);
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'HPE_INVALID_CONSTANT',
]);
const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

/** Any failure during a hop as a StageError a user can read. */
function toFetchError(
  error: unknown,
  url: URL,
  deadline: AbortSignal,
  options: SafeFetchOptions,
  answered: boolean,
): StageError {
  if (error instanceof StageError) return error;
  if (options.signal?.aborted) {
    return new StageError('unreachable', `fetch of ${url.href} was cancelled`, { cause: error, retryable: true });
  }
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (answered && (deadline.aborted || code === 'UND_ERR_BODY_TIMEOUT')) {
    // The host answered and then sent too slowly: it will be as slow next time, and each try
    // holds a fetch slot for the whole deadline.
    return new StageError(
      'timeout',
      `${url.host} sent the document too slowly: not all of it within ${options.timeoutMs} ms (not retried)`,
      { cause: error, details: { url: url.href }, retryable: false },
    );
  }
  if (deadline.aborted || TIMEOUT_CODES.has(code)) {
    const limit =
      code === 'UND_ERR_CONNECT_TIMEOUT'
        ? `connect within ${options.connectTimeoutMs} ms`
        : `finish within ${options.timeoutMs} ms`;
    return new StageError('timeout', `${url.host} did not ${limit}`, { cause: error, details: { url: url.href } });
  }
  const message = (error as Error).message ?? String(error);
  if (UNREACHABLE_CODES.has(code) || code.startsWith('HPE_')) {
    return new StageError('unreachable', `could not fetch ${url.href}: ${message} (${code})`, { cause: error });
  }
  if (/certificate|SSL|TLS|ERR_TLS|CERT_/.test(`${code} ${message}`)) {
    // A broken certificate will still be broken on the next try.
    return new StageError('unreachable', `TLS with ${url.host} failed: ${message}`, { cause: error, retryable: false });
  }
  return new StageError('unreachable', `could not fetch ${url.href}: ${message}`, { cause: error });
}

interface Hop {
  url: URL;
  allow: AllowList;
  resolve: Resolver;
  signal: AbortSignal;
}

async function fetchHop(hop: Hop, options: SafeFetchOptions, agents: Agent[]) {
  const { url } = hop;
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  const target = await resolveTarget(url.hostname, port, { resolve: hop.resolve, allow: hop.allow });
  // One agent per hop: its only connection goes to the checked address, and no pooled
  // connection to another host can be reused for this one.
  const agent = new Agent({
    connect: { timeout: options.connectTimeoutMs, lookup: pinnedLookup(target) },
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connections: 1,
    pipelining: 0,
  });
  agents.push(agent);
  return request(url, {
    method: 'GET',
    dispatcher: agent,
    signal: hop.signal,
    headers: {
      'user-agent': USER_AGENT,
      accept: `${ALLOWED_CONTENT_TYPES.join(', ')};q=0.9, */*;q=0.1`,
      'accept-encoding': 'gzip, deflate, br',
      ...(options.conditional?.etag ? { 'if-none-match': options.conditional.etag } : {}),
      ...(options.conditional?.lastModified ? { 'if-modified-since': options.conditional.lastModified } : {}),
    },
  });
}

/** Drops a body we will not read; its error (an abort) is expected and not worth an event. */
function discard(body: Readable): void {
  body.on('error', () => undefined);
  body.destroy();
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * GET a public http(s) URL with the SSRF guard, redirects followed by hand and re-checked, and
 * limits on time and size. Throws StageError: blocked_address, unreachable, timeout, too_large,
 * unsupported_type, http_status (details.status).
 */
export async function safeFetch(rawUrl: string, options: SafeFetchOptions): Promise<FetchedResponse> {
  const allow = parseAllowList(options.allow);
  const resolve = options.resolve ?? systemResolver;
  const timer = AbortSignal.timeout(options.timeoutMs);
  const deadline = options.signal ? AbortSignal.any([timer, options.signal]) : timer;
  const agents: Agent[] = [];
  const redirects: string[] = [];
  let url = parseUrl(rawUrl);
  let answered = false;
  try {
    for (;;) {
      answered = false;
      const response = await fetchHop({ url, allow, resolve, signal: deadline }, options, agents);
      answered = true;
      const location = header(response.headers, 'location');
      if (REDIRECTS.has(response.statusCode) && location) {
        discard(response.body);
        if (redirects.length >= options.maxRedirects) {
          throw new StageError(
            'http_status',
            `gave up after ${options.maxRedirects} redirects (last to ${location.slice(0, 200)})`,
            {
              details: { status: response.statusCode, redirects },
            },
          );
        }
        url = parseUrl(location, url);
        redirects.push(url.href);
        continue;
      }
      const validators = {
        ...(header(response.headers, 'etag') ? { etag: header(response.headers, 'etag') as string } : {}),
        ...(header(response.headers, 'last-modified')
          ? { lastModified: header(response.headers, 'last-modified') as string }
          : {}),
      };
      if (response.statusCode === 304 && options.conditional) {
        discard(response.body);
        const base = { url: rawUrl, finalUrl: url.href, status: 304, contentType: '', redirects };
        return { ...base, body: new Uint8Array(), ...options.conditional, ...validators };
      }
      if (response.statusCode < 200 || response.statusCode > 299) {
        discard(response.body);
        const status = response.statusCode;
        const retryAfter = Number(header(response.headers, 'retry-after'));
        // 429 and 5xx may pass; a 404 or 403 will not.
        throw new StageError('http_status', `${url.href} answered HTTP ${status}`, {
          details: { status, url: url.href, ...(Number.isFinite(retryAfter) ? { retryAfterSeconds: retryAfter } : {}) },
          retryable: status === 429 || status >= 500,
        });
      }
      const declared = parseContentType(header(response.headers, 'content-type'));
      if (!isGenericType(declared.essence) && !allowedType(declared.essence)) {
        discard(response.body);
        throw unsupportedType(`content type ${declared.essence}`);
      }
      const length = Number(header(response.headers, 'content-length'));
      if (Number.isFinite(length) && length > options.maxBytes) {
        discard(response.body);
        throw tooLarge(options.maxBytes, `(Content-Length ${length})`);
      }
      const encoding = (header(response.headers, 'content-encoding') ?? '').trim().toLowerCase();
      const body = await readBody(response.body, encoding, options.maxBytes);
      const filename = url.pathname.split('/').pop() ?? '';
      const contentType = isGenericType(declared.essence)
        ? sniffContentType({ filename, bytes: body })
        : formatContentType({ ...declared, essence: allowedType(declared.essence) ?? declared.essence });
      return {
        url: rawUrl,
        finalUrl: url.href,
        status: response.statusCode,
        contentType,
        body,
        redirects,
        ...validators,
      };
    }
  } catch (error) {
    throw toFetchError(error, url, deadline, options, answered);
  } finally {
    // destroy, not close: an aborted body must not keep its socket (and the server) busy.
    await Promise.all(agents.map((a) => a.destroy().catch(() => undefined)));
  }
}
