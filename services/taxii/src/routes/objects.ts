import { randomUUID } from 'node:crypto';
import { withoutEvidence } from '@stixmill/stix';
import { type Collection, fromMicros, type StatusRecord, type StixObject } from '@stixmill/store';
import { z } from 'zod';
import type { RouteContext } from '../context.ts';
import { HttpError } from '../errors.ts';
import { parseObjectFilter, readFilter } from '../filters.ts';
import { parseJson, readBody } from '../http.ts';
import { checkIncoming, postedId } from '../incoming.ts';
import { requireTaxiiContentType } from '../media.ts';
import { dateAddedHeaders, paging } from '../page.ts';
import { reply } from '../reply.ts';
import { findReadable, findWritable } from './collections.ts';
import { statusResource } from './status.ts';

/**
 * The objects as this client gets them from this collection: as stored, or without stixmill's
 * evidence property where the collection or the client is configured for standard STIX only.
 */
function served(ctx: RouteContext, collection: Collection, items: readonly { object: StixObject }[]): StixObject[] {
  const plain =
    ctx.principal.evidence === false ||
    ctx.config.plainCollections.has(collection.id) ||
    (collection.alias !== undefined && ctx.config.plainCollections.has(collection.alias));
  return items.map((i) => (plain ? withoutEvidence(i.object) : i.object));
}

/** TAXII 2.1 §5.3 Get Objects: an envelope `{more, next, objects}`, never a STIX bundle. */
export async function getObjects(ctx: RouteContext): Promise<void> {
  const collection = await findReadable(ctx);
  const filter = readFilter(ctx);
  const page = await ctx.config.store.listObjects(collection.id, filter);
  reply(ctx, 200, { ...paging(page), objects: served(ctx, collection, page.items) }, dateAddedHeaders(page));
}

/** 404 unless the object exists; one the reader is not cleared for is as absent as one that never was. */
async function requireObject(
  ctx: RouteContext,
  collectionId: string,
  objectId: string,
  hiddenMarkings: readonly string[] | undefined,
): Promise<void> {
  const any = await ctx.config.store.listVersions(collectionId, objectId, { limit: 1, hiddenMarkings });
  if (any.items.length === 0) throw new HttpError('not_found', `no object ${objectId} in collection ${collectionId}`);
}

/** TAXII 2.1 §5.5 Get An Object: the object's versions that match, in an envelope; 404 if unknown. */
export async function getObject(ctx: RouteContext): Promise<void> {
  const collection = await findReadable(ctx);
  const objectId = ctx.params.object ?? '';
  const filter = readFilter(ctx);
  const page = await ctx.config.store.getObject(collection.id, objectId, filter);
  if (page.items.length === 0) await requireObject(ctx, collection.id, objectId, filter.hiddenMarkings);
  reply(ctx, 200, { ...paging(page), objects: served(ctx, collection, page.items) }, dateAddedHeaders(page));
}

/** TAXII 2.1 §5.6 Get Object Versions: `{more, versions}`, oldest added first. */
export async function getVersions(ctx: RouteContext): Promise<void> {
  const collection = await findReadable(ctx);
  const objectId = ctx.params.object ?? '';
  const filter = readFilter(ctx);
  const page = await ctx.config.store.listVersions(collection.id, objectId, filter);
  if (page.items.length === 0) await requireObject(ctx, collection.id, objectId, filter.hiddenMarkings);
  reply(ctx, 200, { ...paging(page), versions: page.items.map((i) => i.version) }, dateAddedHeaders(page));
}

/** TAXII 2.1 §5.7 Delete An Object: the versions that match match[version] (default all). */
export async function deleteObject(ctx: RouteContext): Promise<void> {
  const collection = await findWritable(ctx);
  const objectId = ctx.params.object ?? '';
  const filter = parseObjectFilter(ctx.url.searchParams);
  const deleted = await ctx.config.store.deleteObject(collection.id, objectId, {
    versions: filter.versions ?? 'all',
    specVersions: filter.specVersions,
  });
  if (deleted === 0) throw new HttpError('not_found', `no object ${objectId} in collection ${collection.id}`);
  reply(ctx, 200, undefined);
}

const Envelope = z.looseObject({ objects: z.array(z.unknown()).default([]) });

/**
 * TAXII 2.1 §5.4 Add Objects: the body is an envelope; the answer is 202 with a status resource.
 * Objects are stored before answering, so the status is already complete; each object refused
 * (see incoming.ts: not a STIX object, unstorable, semantically invalid) is a failure with its reason.
 */
export async function addObjects(ctx: RouteContext): Promise<void> {
  const collection = await findWritable(ctx);
  requireTaxiiContentType(ctx.req.headers['content-type']);
  const body = parseJson(await readBody(ctx.req, ctx.config.maxContentLength));
  const envelope = Envelope.safeParse(body);
  if (!envelope.success) throw new HttpError('bad_request', `not a TAXII envelope: ${z.prettifyError(envelope.error)}`);

  const requestTimestamp = fromMicros(Date.now() * 1000);
  const good: StixObject[] = [];
  const failures: StatusRecord['failures'] = [];
  const limit = ctx.config.maxObjects;
  for (const [n, item] of envelope.data.objects.entries()) {
    // Past the count limit each object is still answered for: the client sees which to send again.
    if (n >= limit) {
      failures.push({
        id: postedId(item),
        message: `not stored: one request stores at most ${limit} objects; post this one again in another request`,
      });
      continue;
    }
    const checked = checkIncoming(item);
    if (checked.ok) good.push(checked.object);
    else failures.push({ id: checked.id, message: checked.reason });
  }
  // A producer's objects are stored as sent: each new `modified` is a version (STIX 2.1 §3.6).
  const put = await ctx.config.store.putObjects(collection.id, good, { asSent: true });
  const conflicting = new Set(put.conflicts);
  const stored = good.filter((o) => !conflicting.has(o.id));
  for (const o of good)
    if (conflicting.has(o.id))
      failures.push({
        id: o.id,
        ...(typeof o.modified === 'string' ? { version: o.modified } : {}),
        message:
          'a version of this object with the same modified is already stored with other content: a changed object needs a new modified',
      });
  const status: StatusRecord = {
    id: randomUUID(),
    status: 'complete',
    requestTimestamp,
    totalCount: stored.length + failures.length,
    successCount: stored.length,
    failureCount: failures.length,
    pendingCount: 0,
    successes: stored.map((o) => {
      const version =
        typeof o.modified === 'string' ? o.modified : typeof o.created === 'string' ? o.created : undefined;
      return version === undefined ? { id: o.id } : { id: o.id, version };
    }),
    failures,
  };
  await ctx.config.store.putStatus(status);
  reply(ctx, 202, statusResource(status));
}
