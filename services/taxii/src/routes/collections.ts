import type { Collection } from '@stixmill/store';
import { unauthorized } from '../auth.ts';
import type { RouteContext } from '../context.ts';
import { HttpError } from '../errors.ts';
import { STIX_MEDIA_TYPE } from '../media.ts';
import { reply } from '../reply.ts';

/** TAXII 2.1 §4.2.1 Collection Resource: "id, title, can_read, can_write" required; per requester. */
function resource(collection: Collection, ctx: RouteContext) {
  return {
    id: collection.id,
    title: collection.title,
    ...(collection.description === undefined ? {} : { description: collection.description }),
    ...(collection.alias === undefined ? {} : { alias: collection.alias }),
    can_read: ctx.config.access.canRead(ctx.principal, collection),
    can_write: ctx.config.access.canWrite(ctx.principal, collection),
    media_types: [STIX_MEDIA_TYPE],
  };
}

/** Refused: 401 (with a challenge) when credentials would help, else 403. */
function refuse(ctx: RouteContext, message: string): HttpError {
  return ctx.principal.authenticated ? new HttpError('forbidden', message) : unauthorized(message);
}

function visible(ctx: RouteContext, collection: Collection): boolean {
  return ctx.config.access.canRead(ctx.principal, collection) || ctx.config.access.canWrite(ctx.principal, collection);
}

/** The collection named in the path (by id or alias), or 404; 401/403 for one the requester may not see. */
export async function findCollection(ctx: RouteContext): Promise<Collection> {
  const id = ctx.params.collection ?? '';
  const collection = await ctx.config.store.getCollection(id);
  if (!collection) throw new HttpError('not_found', `no collection ${id}`);
  if (!visible(ctx, collection)) throw refuse(ctx, `${ctx.principal.name} may not use collection ${collection.id}`);
  return collection;
}

/** Reading objects (§5.3, §5.5, §5.6, §5.8) needs read access to the collection. */
export async function findReadable(ctx: RouteContext): Promise<Collection> {
  const collection = await findCollection(ctx);
  if (!ctx.config.access.canRead(ctx.principal, collection))
    throw refuse(ctx, `collection ${collection.id} is not readable by ${ctx.principal.name}`);
  return collection;
}

/** §5.4/§5.7: adding and deleting need write access to the collection. */
export async function findWritable(ctx: RouteContext): Promise<Collection> {
  const collection = await findCollection(ctx);
  if (!ctx.config.access.canWrite(ctx.principal, collection))
    throw refuse(ctx, `collection ${collection.id} is not writable by ${ctx.principal.name}`);
  return collection;
}

/** TAXII 2.1 §5.1 Get Collections: the collections this requester may read or write. */
export async function listCollections(ctx: RouteContext): Promise<void> {
  const collections = (await ctx.config.store.listCollections()).filter((c) => visible(ctx, c));
  reply(ctx, 200, { collections: collections.map((c) => resource(c, ctx)) });
}

/** TAXII 2.1 §5.2 Get a Collection. */
export async function getCollection(ctx: RouteContext): Promise<void> {
  reply(ctx, 200, resource(await findCollection(ctx), ctx));
}
