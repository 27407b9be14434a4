import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Log } from '@stixmill/contracts';
import type { Store } from '@stixmill/store';
import { handleReportApi, type Submit } from './api.ts';
import type { AuthConfig } from './auth.ts';
import { apiErrorBody, HttpError } from './errors.ts';
import { send, sendError } from './http.ts';
import { HEALTH_PATH, REPORTS_PATH } from './paths.ts';
import { handleTaxii, isTaxiiPath } from './taxii.ts';

export interface HttpAppDeps {
  store: Store;
  /** Shown in TAXII discovery and the API root (default "stixmill"). */
  title?: string;
  /** Hands a submitted report to the pipeline; without it POST /api/reports answers 501. */
  submit?: Submit;
  /** Users and tokens; without any, the server is open (reads and writes). */
  auth?: AuthConfig;
  /** The URL clients reach this server at (behind a proxy); default http://<Host header>. */
  publicBaseUrl?: string;
  /** TAXII max_content_length: the largest POST body (default 10 MiB). */
  maxContentLength?: number;
  /** The largest document upload on POST /api/reports (default 25 MiB). */
  maxUploadBytes?: number;
  log?: Log;
  /** Serves every other path (the web console); without it they are 404. */
  fallback?: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
}

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

const JSON_TYPE = 'application/json; charset=utf-8';

/** One request listener for TAXII 2.1, the report API and the health check, to put on any port. */
export function createHttpApp(deps: HttpAppDeps): RequestListener {
  const taxii = {
    store: deps.store,
    title: deps.title ?? 'stixmill',
    auth: deps.auth,
    publicBaseUrl: deps.publicBaseUrl,
    maxContentLength: deps.maxContentLength ?? 10 * 1024 * 1024,
    log: deps.log,
  };
  const reports = {
    store: deps.store,
    submit: deps.submit,
    auth: deps.auth,
    maxUploadBytes: deps.maxUploadBytes ?? 25 * 1024 * 1024,
    log: deps.log,
  };

  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (isTaxiiPath(path)) return handleTaxii(taxii, req, res, url);
    if (path === REPORTS_PATH || path.startsWith(`${REPORTS_PATH}/`)) return handleReportApi(reports, req, res, url);
    if (path === HEALTH_PATH) {
      try {
        await deps.store.listCollections();
        return send(res, 200, JSON_TYPE, { status: 'ok' });
      } catch (error) {
        const down = new HttpError('unavailable', 'the store does not answer', { cause: error });
        return sendError(res, down, error, { contentType: JSON_TYPE, render: apiErrorBody, log: deps.log, path });
      }
    }
    if (deps.fallback) return deps.fallback(req, res);
    sendError(res, new HttpError('not_found', `nothing at ${path}`), undefined, {
      contentType: JSON_TYPE,
      render: apiErrorBody,
      log: deps.log,
      path,
    });
  };
}
