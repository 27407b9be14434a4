import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Log, type PayloadInput, ReportContext, StageError, Tlp } from '@stixmill/contracts';
import type { Store } from '@stixmill/store';
import { z } from 'zod';
import { type Principal, requireIdentified, requireWrite } from './auth.ts';
import { apiErrorBody, HttpError } from './errors.ts';
import { decodeSegment, parseJson, readBody, send, sendError } from './http.ts';
import { REPORTS_PATH } from './paths.ts';
import type { ReportEvents } from './report-events.ts';
import {
  publishReport,
  ReviewRequest,
  readableReport,
  reviewReport,
  sendBundle,
  streamReports,
} from './report-review.ts';

/** What the report API hands to the pipeline: a reports.submitted payload. */
export type SubmitRequest = PayloadInput<'reports.submitted'>;
export type Submit = (request: SubmitRequest) => Promise<{ reportId: string }>;

export interface ReportApiConfig {
  store: Store;
  /** The live stream of report changes (GET /api/reports/events). */
  events: ReportEvents;
  submit: Submit | undefined;
  maxUploadBytes: number;
  log: Log | undefined;
}

const JSON_TYPE = 'application/json; charset=utf-8';

const SubmitUrl = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).max(8192),
  tlp: Tlp.optional(),
  labels: z.array(z.string().min(1).max(100)).max(50).optional(),
  rerun: z.boolean().optional(),
});

const UploadQuery = z.object({
  filename: z.string().min(1).max(500).optional(),
  tlp: Tlp.optional(),
  labels: z.array(z.string().min(1).max(100)).max(50),
  /** `?rerun=true`: process the document even if the same content was processed before. */
  rerun: z.enum(['true', 'false']).optional(),
});

/** Documents the pipeline can read when uploaded as they are (the fetcher sniffs octet-stream). */
const UPLOAD_TYPES = new Set([
  'text/html',
  'application/xhtml+xml',
  'text/plain',
  'text/markdown',
  'application/pdf',
  'application/octet-stream',
]);

const ReportsQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) });

function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function invalid(error: z.ZodError): HttpError {
  return new HttpError('bad_request', z.prettifyError(error));
}

async function submitReport(config: ReportApiConfig, principal: Principal, req: IncomingMessage, url: URL) {
  requireWrite(principal);
  if (!config.submit)
    throw new HttpError('not_implemented', 'this server does not take reports (no pipeline attached)');
  const type = mediaType(req.headers['content-type']);
  const submittedBy = principal.authenticated ? { submittedBy: principal.name } : {};
  let request: SubmitRequest;
  let source: string;
  if (type === 'application/json') {
    const parsed = SubmitUrl.safeParse(parseJson(await readBody(req, 64 * 1024)));
    if (!parsed.success) throw invalid(parsed.error);
    const { url: target, ...context } = parsed.data;
    request = { source: { kind: 'url', url: target }, context: { ...context, ...submittedBy } };
    source = target;
  } else if (UPLOAD_TYPES.has(type)) {
    const query = UploadQuery.safeParse({
      filename: url.searchParams.get('filename') ?? undefined,
      tlp: url.searchParams.get('tlp') ?? undefined,
      labels: url.searchParams.getAll('label'),
      rerun: url.searchParams.get('rerun') ?? undefined,
    });
    if (!query.success) throw invalid(query.error);
    const body = await readBody(req, config.maxUploadBytes);
    if (body.length === 0) throw new HttpError('bad_request', 'the uploaded document is empty');
    const { filename, tlp, labels, rerun } = query.data;
    request = {
      source: {
        kind: 'inline',
        base64: body.toString('base64'),
        contentType: req.headers['content-type'] ?? type,
        ...(filename === undefined ? {} : { filename }),
      },
      context: {
        labels,
        ...(tlp === undefined ? {} : { tlp }),
        ...(rerun === 'true' ? { rerun: true } : {}),
        ...submittedBy,
      },
    };
    source = filename === undefined ? 'upload' : `file:${filename}`;
  } else {
    throw new HttpError(
      'unsupported_media_type',
      `send JSON {"url": ...} or a document (${[...UPLOAD_TYPES].join(', ')}), not ${type || 'no Content-Type'}`,
    );
  }
  const { reportId } = await config.submit(request);
  // Recorded here too so the status link answers at once; the ledger ignores it if the pipeline is ahead.
  await config.store.recordStage(reportId, 'submitted', { source, tlp: ReportContext.parse(request.context).tlp });
  return { reportId, status: `${REPORTS_PATH}/${encodeURIComponent(reportId)}` };
}

const notAllowed = (req: IncomingMessage, allow: string) =>
  new HttpError('method_not_allowed', `${req.method} is not allowed here`, { headers: { allow } });

/** A failure of the pipeline's submit: its own input check is a 400, anything retryable a 503. */
function toHttpError(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error;
  if (error instanceof StageError) {
    return error.retryable
      ? new HttpError('unavailable', `the pipeline cannot take the report now: ${error.message}`, { cause: error })
      : new HttpError('bad_request', error.message, { cause: error });
  }
  return undefined;
}

/**
 * The report API: POST /api/reports (a URL as JSON, or a document as its own Content-Type with
 * ?filename=), GET /api/reports/:id, GET /api/reports. Errors are JSON `{error: {code, message}}`.
 */
export async function handleReportApi(
  config: ReportApiConfig,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  principal: Principal,
  /** The TLP levels this principal may read: other reports are not shown, not even their sources. */
  cleared: readonly Tlp[],
) {
  try {
    requireIdentified(principal);
    const rest = url.pathname.slice(REPORTS_PATH.length).replace(/\/$/, '');
    // HEAD is GET without the body: node leaves the body out of a HEAD answer itself.
    const reading = req.method === 'GET' || req.method === 'HEAD';
    if (rest === '') {
      if (req.method === 'POST') return send(res, 202, JSON_TYPE, await submitReport(config, principal, req, url));
      if (reading) {
        const query = ReportsQuery.safeParse({ limit: url.searchParams.get('limit') ?? undefined });
        if (!query.success) throw invalid(query.error);
        const reports = await config.store.listReports({ limit: query.data.limit, tlps: cleared });
        return send(res, 200, JSON_TYPE, { reports });
      }
      throw new HttpError('method_not_allowed', `${req.method} is not allowed on ${REPORTS_PATH}`, {
        headers: { allow: 'GET, HEAD, POST' },
      });
    }
    if (rest === '/events') {
      if (!reading) throw notAllowed(req, 'GET, HEAD');
      const snapshot = await config.store.listReports({ limit: 50, tlps: cleared });
      return streamReports(config.events, res, cleared, snapshot);
    }
    const [, id, action] = /^\/([^/]+)(?:\/(bundle|publish|review))?$/.exec(rest) ?? [];
    if (id === undefined) throw new HttpError('not_found', `nothing at ${url.pathname}`);
    const reportId = decodeSegment(id);
    if (action === 'review') {
      if (req.method !== 'POST') throw notAllowed(req, 'POST');
      const review = ReviewRequest.safeParse(parseJson(await readBody(req, 1024 * 1024)));
      if (!review.success) throw invalid(review.error);
      return send(res, 200, JSON_TYPE, await reviewReport(config.store, principal, reportId, cleared, review.data));
    }
    if (action === 'publish') {
      if (req.method !== 'POST') throw notAllowed(req, 'POST');
      return send(res, 200, JSON_TYPE, await publishReport(config.store, principal, reportId, cleared));
    }
    if (!reading) throw notAllowed(req, 'GET, HEAD');
    if (action === 'bundle') return await sendBundle(config.store, res, reportId, cleared);
    return send(res, 200, JSON_TYPE, await readableReport(config.store, reportId, cleared));
  } catch (error) {
    sendError(res, toHttpError(error), error, {
      contentType: JSON_TYPE,
      render: apiErrorBody,
      log: config.log,
      path: url.pathname,
    });
  }
}
