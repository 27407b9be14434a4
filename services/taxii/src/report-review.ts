import type { ServerResponse } from 'node:http';
import type { Tlp } from '@stixmill/contracts';
import { ADDABLE_ENTITIES, ADDABLE_OBSERVABLES, reviseBundle, type StixBundleLike } from '@stixmill/stix';
import type { ReportRecord, StixObject, Store } from '@stixmill/store';
import { z } from 'zod';
import { type Principal, requireReview } from './auth.ts';
import { HttpError } from './errors.ts';
import { send } from './http.ts';
import { STIX_MEDIA_TYPE } from './media.ts';
import { bundleObjects, publish } from './publish.ts';
import type { ReportEvents } from './report-events.ts';

// The report routes of review and sharing: a report's bundle to download, publishing a report
// held by the review gate, and the live stream of report changes.

/** A report the reader is cleared for, else a 404 (one above their clearance is as absent as none). */
export async function readableReport(store: Store, reportId: string, cleared: readonly Tlp[]): Promise<ReportRecord> {
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
 * record who did. A reviewer may publish; publishing twice changes nothing.
 */
export async function publishReport(store: Store, principal: Principal, reportId: string, cleared: readonly Tlp[]) {
  requireReview(principal);
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

/** POST /api/reports/:id/review: what the analyst decided. */
export const ReviewRequest = z.strictObject({
  reject: z.array(z.string().min(1).max(200)).max(1000).default([]),
  add: z
    .array(
      z.strictObject({
        type: z.enum([...ADDABLE_OBSERVABLES, ...ADDABLE_ENTITIES]),
        value: z.string().trim().min(1).max(2000),
        sentence: z.string().max(4000).optional(),
      }),
    )
    .max(200)
    .default([]),
});
export type ReviewRequest = z.infer<typeof ReviewRequest>;

/**
 * An analyst's review of a report: rejected findings leave it, added ones join it, and the
 * report becomes a new version with a note by the analyst (see reviseBundle). A report the gate
 * still holds is revised in place, for publishing; one already published gets the new versions
 * in the collections at once, rejected objects revoked.
 */
export async function reviewReport(
  store: Store,
  principal: Principal,
  reportId: string,
  cleared: readonly Tlp[],
  request: ReviewRequest,
) {
  requireReview(principal);
  const report = await readableReport(store, reportId, cleared);
  const bundle = await store.getReportBundle(reportId);
  if (!bundle)
    throw new HttpError('conflict', `report ${reportId} has no bundle to review: it is at "${report.stage}"`);
  let revised: ReturnType<typeof reviseBundle>;
  try {
    revised = reviseBundle(bundle as unknown as StixBundleLike, {
      reject: request.reject,
      add: request.add.map((a) => ({ type: a.type, value: a.value, ...(a.sentence ? { sentence: a.sentence } : {}) })),
      analyst: principal.authenticated ? principal.name : 'analyst',
      now: new Date(),
    });
  } catch (error) {
    throw new HttpError('bad_request', (error as Error).message, { cause: error });
  }
  await store.putReportBundle(reportId, revised.bundle as unknown as StixObject);
  let objectsAdded = 0;
  if (report.published) {
    const objects = [...bundleObjects(revised.bundle as unknown as StixObject), ...(revised.revoked as StixObject[])];
    objectsAdded = (await publish(store, { reportId, objects, tlp: report.tlp, by: report.published.by })).added;
  }
  return {
    reportId,
    rejected: revised.rejectedNames,
    added: revised.addedNames,
    published: report.published !== undefined,
    objectsAdded,
  };
}
