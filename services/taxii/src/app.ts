import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Log } from '@stixmill/contracts';
import { type Store, TLP_COLLECTIONS } from '@stixmill/store';
import { createAccessPolicy } from './access.ts';
import { handleReportApi, type Submit } from './api.ts';
import {
  ANONYMOUS_READER,
  type AuthConfig,
  authenticate,
  claimedUser,
  isAuthEnabled,
  type Principal,
  requireIdentified,
} from './auth.ts';
import { checkAnonymousClearance, clearedLevels } from './clearance.ts';
import {
  accessRules,
  applyCollections,
  type CollectionConfig,
  collectionWarnings,
  plainCollections,
} from './collections-config.ts';
import { apiErrorBody, HttpError, taxiiErrorBody } from './errors.ts';
import { send, sendError } from './http.ts';
import { createLoginGuard, type LoginGuardOptions, type LoginKeys } from './login-guard.ts';
import { TAXII_MEDIA_TYPE } from './media.ts';
import { OPENAPI_DOCUMENT } from './openapi.ts';
import { HEALTH_PATH, OPENAPI_PATH, REPORTS_PATH } from './paths.ts';
import { createRateLimiter, type RateLimit } from './rate-limit.ts';
import { createReportEvents } from './report-events.ts';
import { handleTaxii, isTaxiiPath } from './taxii.ts';

export interface HttpAppDeps {
  store: Store;
  /** Shown in TAXII discovery and the API root (default "stixmill"). */
  title?: string;
  /** Hands a submitted report to the pipeline; without it POST /api/reports answers 501. */
  submit?: Submit;
  /** Users and tokens; without any, the server is open (reads and writes). */
  auth?: AuthConfig;
  /** Collections the operator adds, and who may read and write them and the built-in ones. */
  collections?: readonly CollectionConfig[];
  /**
   * Requests per client (principal, else address); off when absent or false. From the
   * environment (httpOptionsFromConfig) it is on: STIXMILL_RATE_LIMIT_PER_SECOND and _BURST.
   */
  rateLimit?: RateLimit | false | undefined;
  /**
   * Failed logins locking an address or user name for a while (see login-guard.ts); on
   * whenever users or tokens are configured, unless false.
   */
  loginGuard?: Partial<LoginGuardOptions> | false | undefined;
  /** The URL clients reach this server at (behind a proxy); default http://<Host header>. */
  publicBaseUrl?: string;
  /** TAXII max_content_length: the largest POST body (default 10 MiB). */
  maxContentLength?: number;
  /**
   * The most objects one POST stores; the rest are failures in its status, each with the reason.
   * Default: as many as the smallest STIX objects that fit in max_content_length, so no envelope
   * a client sized by that limit (as MISP's push does) loses an object to the count.
   */
  maxObjects?: number;
  /** The largest document upload on POST /api/reports (default 25 MiB). */
  maxUploadBytes?: number;
  log?: Log;
  /**
   * Serves other paths (the web console) for a logged-in client, answering true when it did;
   * paths it does not serve are 404.
   */
  fallback?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
}

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

const JSON_TYPE = 'application/json; charset=utf-8';
/** The shortest STIX object with its separator: `{"type":"x","id":"x--<uuid>"},` is 54 bytes. */
const SMALLEST_OBJECT_BYTES = 54;

/** How a part of the server answers errors: TAXII routes with TAXII error objects, the rest with JSON. */
function rendering(path: string) {
  return isTaxiiPath(path)
    ? { contentType: TAXII_MEDIA_TYPE, render: taxiiErrorBody }
    : { contentType: JSON_TYPE, render: apiErrorBody };
}

/**
 * One request listener for TAXII 2.1, the report API, the OpenAPI description and the health
 * check, to put on any port. Configured collections are written to the store at once; requests
 * wait for that (and are answered 503 while it fails, retried on the next request).
 */
export function createHttpApp(deps: HttpAppDeps): RequestListener {
  const configs = deps.collections ?? [];
  const access = createAccessPolicy({
    open: !isAuthEnabled(deps.auth),
    rules: accessRules(configs),
    anonymousReadable: [TLP_COLLECTIONS.clear.id],
  });
  if (isAuthEnabled(deps.auth) && deps.auth?.anonymousRead) checkAnonymousClearance(access, ANONYMOUS_READER);
  const maxContentLength = deps.maxContentLength ?? 10 * 1024 * 1024;
  const taxii = {
    store: deps.store,
    title: deps.title ?? 'stixmill',
    access,
    publicBaseUrl: deps.publicBaseUrl,
    maxContentLength,
    maxObjects: deps.maxObjects ?? Math.ceil(maxContentLength / SMALLEST_OBJECT_BYTES),
    plainCollections: plainCollections(configs),
    log: deps.log,
  };
  const reports = {
    store: deps.store,
    events: createReportEvents(deps.store, (error) => deps.log?.warn({ err: error }, 'could not read report changes')),
    submit: deps.submit,
    maxUploadBytes: deps.maxUploadBytes ?? 25 * 1024 * 1024,
    log: deps.log,
  };
  const limiter = deps.rateLimit ? createRateLimiter(deps.rateLimit) : undefined;
  const guard =
    isAuthEnabled(deps.auth) && deps.loginGuard !== false ? createLoginGuard(deps.loginGuard || {}) : undefined;

  let ready: Promise<void> | undefined;
  const prepare = () => {
    ready ??= applyCollections(deps.store, configs).catch((error: unknown) => {
      ready = undefined;
      deps.log?.error({ err: error }, 'could not set up the configured collections');
      throw new HttpError(
        'unavailable',
        `the configured collections are not set up: ${String((error as Error).message)}`,
      );
    });
    return ready;
  };
  for (const warning of collectionWarnings(configs)) deps.log?.warn({}, warning);
  if (configs.length) prepare().catch(() => undefined);

  /** Spend a token of the client; a client is its principal when known, else its address. */
  function limit(principal: Principal | undefined, req: IncomingMessage): void {
    if (!limiter) return;
    const key = principal?.authenticated ? `principal:${principal.name}` : `address:${req.socket.remoteAddress}`;
    const wait = limiter.take(key);
    if (wait > 0)
      throw new HttpError('too_many_requests', `too many requests; retry in ${wait} s`, {
        headers: { 'retry-after': String(wait) },
      });
  }

  /**
   * Who sent the request. Credentials from a locked address or for a locked user are refused
   * before they are checked; a failed login counts against both, and against the address's rate.
   */
  function login(req: IncomingMessage): Principal {
    const header = req.headers.authorization;
    const keys: LoginKeys = { address: String(req.socket.remoteAddress), user: claimedUser(header) };
    if (guard && header) {
      const wait = guard.wait(keys);
      if (wait > 0)
        throw new HttpError('too_many_requests', `too many failed logins; retry in ${Math.ceil(wait / 1000)} s`, {
          headers: { 'retry-after': String(Math.ceil(wait / 1000)) },
        });
    }
    try {
      const principal = authenticate(deps.auth, header);
      if (guard && header) guard.succeeded(keys);
      return principal;
    } catch (error) {
      if (guard && header)
        for (const lock of guard.failed(keys))
          deps.log?.warn({ ...lock, address: keys.address, user: keys.user }, 'failed logins: locked for a while');
      limit(undefined, req);
      throw error;
    }
  }

  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const taxiiPath = isTaxiiPath(path);
    // A NUL in an id or filter reaches no store (PostgreSQL refuses it in text): the request is malformed.
    if (/%00/i.test(req.url ?? '')) {
      const refused = new HttpError('bad_request', 'the request URL holds a NUL (%00), which no id or filter may hold');
      return sendError(res, refused, undefined, { ...rendering(path), log: deps.log, path });
    }
    const reportPath = path === REPORTS_PATH || path.startsWith(`${REPORTS_PATH}/`);
    if ((path === HEALTH_PATH || path === OPENAPI_PATH) && req.method !== 'GET' && req.method !== 'HEAD') {
      const refused = new HttpError('method_not_allowed', `${req.method} is not allowed on ${path}`, {
        headers: { allow: 'GET, HEAD' },
      });
      return sendError(res, refused, undefined, { ...rendering(path), log: deps.log, path });
    }
    if (path === HEALTH_PATH) {
      try {
        await deps.store.listCollections();
        return send(res, 200, JSON_TYPE, { status: 'ok' });
      } catch (error) {
        const down = new HttpError('unavailable', 'the store does not answer', { cause: error });
        return sendError(res, down, error, { contentType: JSON_TYPE, render: apiErrorBody, log: deps.log, path });
      }
    }
    if (path === OPENAPI_PATH) {
      // The description is public: it says how to call the server, nothing about what it holds.
      try {
        limit(undefined, req);
        return send(res, 200, JSON_TYPE, OPENAPI_DOCUMENT);
      } catch (error) {
        return sendError(res, error as HttpError, error, { ...rendering(path), log: deps.log, path });
      }
    }
    let principal: Principal;
    try {
      principal = login(req);
      limit(principal, req);
      // The console asks for the same login as the API: the browser then sends it with every
      // API call and with the event stream.
      if (!taxiiPath && !reportPath && deps.fallback) {
        requireIdentified(principal);
        if (await deps.fallback(req, res)) return;
      }
      if (configs.length) await prepare();
    } catch (error) {
      return sendError(res, error instanceof HttpError ? error : undefined, error, {
        ...rendering(path),
        log: deps.log,
        path,
      });
    }
    if (taxiiPath) return handleTaxii(taxii, req, res, url, principal);
    if (reportPath) return handleReportApi(reports, req, res, url, principal, clearedLevels(access, principal));
    sendError(res, new HttpError('not_found', `nothing at ${path}`), undefined, {
      ...rendering(path),
      log: deps.log,
      path,
    });
  };
}
