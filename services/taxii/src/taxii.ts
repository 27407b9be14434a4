import type { IncomingMessage, ServerResponse } from 'node:http';
import { InvalidFilterError, UnknownCollectionError } from '@stixmill/store';
import type { Principal } from './auth.ts';
import type { RouteContext, TaxiiConfig } from './context.ts';
import { HttpError, taxiiErrorBody } from './errors.ts';
import { decodeSegment, sendError } from './http.ts';
import { requireTaxiiAccept, TAXII_MEDIA_TYPE } from './media.ts';
import { getCollection, listCollections } from './routes/collections.ts';
import { getApiRoot, getDiscovery } from './routes/discovery.ts';
import { getManifest } from './routes/manifest.ts';
import { addObjects, deleteObject, getObject, getObjects, getVersions } from './routes/objects.ts';
import { getStatus } from './routes/status.ts';

type Handler = (ctx: RouteContext) => Promise<void>;

interface Route {
  pattern: RegExp;
  /** Names of the pattern's groups, in order. */
  params: readonly string[];
  methods: Partial<Record<'GET' | 'POST' | 'DELETE', Handler>>;
}

// One segment of a path; ids never hold a slash.
const SEG = '([^/]+)';
const COLLECTION = `/api/v21/collections/${SEG}`;

/** The TAXII 2.1 endpoints (paths as medallion serves them). A trailing slash is optional. */
const ROUTES: readonly Route[] = [
  { pattern: /^\/taxii2\/?$/, params: [], methods: { GET: getDiscovery } },
  { pattern: /^\/api\/v21\/?$/, params: [], methods: { GET: getApiRoot } },
  { pattern: new RegExp(`^/api/v21/status/${SEG}/?$`), params: ['status'], methods: { GET: getStatus } },
  { pattern: /^\/api\/v21\/collections\/?$/, params: [], methods: { GET: listCollections } },
  { pattern: new RegExp(`^${COLLECTION}/?$`), params: ['collection'], methods: { GET: getCollection } },
  {
    pattern: new RegExp(`^${COLLECTION}/objects/?$`),
    params: ['collection'],
    methods: { GET: getObjects, POST: addObjects },
  },
  {
    pattern: new RegExp(`^${COLLECTION}/objects/${SEG}/?$`),
    params: ['collection', 'object'],
    methods: { GET: getObject, DELETE: deleteObject },
  },
  {
    pattern: new RegExp(`^${COLLECTION}/objects/${SEG}/versions/?$`),
    params: ['collection', 'object'],
    methods: { GET: getVersions },
  },
  { pattern: new RegExp(`^${COLLECTION}/manifest/?$`), params: ['collection'], methods: { GET: getManifest } },
];

export function isTaxiiPath(pathname: string): boolean {
  return pathname.startsWith('/taxii2') || pathname.startsWith('/api/v21');
}

function toHttpError(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error;
  if (error instanceof InvalidFilterError) return new HttpError('bad_request', error.message);
  if (error instanceof UnknownCollectionError) return new HttpError('not_found', error.message);
  return undefined;
}

/** Serve one TAXII request; every answer, errors included, has the TAXII 2.1 media type. */
export async function handleTaxii(
  config: TaxiiConfig,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  principal: Principal,
): Promise<void> {
  try {
    requireTaxiiAccept(req.headers.accept);
    const route = ROUTES.find((r) => r.pattern.test(url.pathname));
    if (!route) throw new HttpError('not_found', `no TAXII resource at ${url.pathname}`);
    // HEAD wherever GET works: the same status and headers, and node leaves the body out.
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const handler = route.methods[method as keyof Route['methods']];
    if (!handler) {
      const allowed = Object.keys(route.methods).flatMap((m) => (m === 'GET' ? ['GET', 'HEAD'] : [m]));
      throw new HttpError('method_not_allowed', `${req.method} is not allowed on ${url.pathname}`, {
        headers: { allow: allowed.join(', ') },
      });
    }
    const match = route.pattern.exec(url.pathname) ?? [];
    const params: Record<string, string> = {};
    route.params.forEach((name, i) => {
      params[name] = decodeSegment(match[i + 1] ?? '');
    });
    await handler({ req, res, url, params, principal, config });
  } catch (error) {
    sendError(res, toHttpError(error), error, {
      contentType: TAXII_MEDIA_TYPE,
      render: taxiiErrorBody,
      log: config.log,
      path: url.pathname,
    });
  }
}
