import type { ServerResponse } from 'node:http';
import type { Tlp } from '@stixmill/contracts';
import type { ReportRecord, Store } from '@stixmill/store';
import { type Principal, requireWrite } from './auth.ts';
import { HttpError } from './errors.ts';
import { send } from './http.ts';
import { STIX_MEDIA_TYPE } from './media.ts';
import { bundleObjects, publish } from './publish.ts';
import type { ReportEvents } from './report-events.ts';

// The report routes of review and sharing: a report's bundle to download, publishing a report
// held by the review gate, and the live stream of report changes.

/** A report the reader is cleared for, else a 404 (one above their clearance is as absent as none). */
async function readableReport(store: Store, reportId: string, cleared: readonly Tlp[]): Promise<ReportRecord> {
  const report = await store.getReport(reportId);
  if (!report || !cleared.includes(report.tlp)) throw new HttpError('not_found', `no report ${reportId}`);
  return report;
}

/** GET /api/reports/:id/bundle: the report's STIX 2.1 bundle, as the exporter made it. */
export async function sendBundle(store: Store, res: ServerResponse, reportId: string, cleared: readonly Tlp[]) {
  await readableReport(store, reportId, cleared);
  const bundle = await store.getReportBundle(reportId);
  if (!bundle) throw new HttpError('not_found', `report ${reportId} has no bundle yet: it has not reached "stored"`);
  const filename = `${reportId.replace(/[^\w.-]/g, '_')}.stix.json`;
  send(res, 200, STIX_MEDIA_TYPE, bundle, { 'content-disposition': `attachment; filename="${filename}"` });
}

/**
 * POST /api/reports/:id/publish: put a report's objects into the published collections and
 * record who did. A writer may publish; publishing twice changes nothing.
 */
export async function publishReport(store: Store, principal: Principal, reportId: string, cleared: readonly Tlp[]) {
  requireWrite(principal);
  const report = await readableReport(store, reportId, cleared);
  if (report.published) return { reportId, published: report.published, objectsAdded: 0 };
  const bundle = await store.getReportBundle(reportId);
  if (!bundle)
    throw new HttpError('conflict', `report ${reportId} has no bundle to publish: it is at "${report.stage}"`);
  const result = await publish(store, {
    reportId,
    objects: bundleObjects(bundle),
    tlp: report.tlp,
    by: principal.authenticated ? principal.name : 'anonymous',
  });
  const after = await store.getReport(reportId);
  return { reportId, published: after?.published, objectsAdded: result.added };
}

/** GET /api/reports/events: server-sent events, `report` for each change the reader may see. */
export function streamReports(
  events: ReportEvents,
  res: ServerResponse,
  cleared: readonly Tlp[],
  snapshot: readonly ReportRecord[],
): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    // Proxies must pass each event on as it comes.
    'x-accel-buffering': 'no',
  });
  const write = (report: ReportRecord) => res.write(`event: report\ndata: ${JSON.stringify(report)}\n\n`);
  // The newest reports first, so a page that opens sees where everything stands.
  for (const report of [...snapshot].reverse()) write(report);
  const unsubscribe = events.subscribe({ cleared, send: write });
  const beat = setInterval(() => res.write(': still here\n\n'), 15_000);
  beat.unref();
  res.on('close', () => {
    clearInterval(beat);
    unsubscribe();
  });
}
