import type { Collection } from '@stixmill/store';
import type { RouteContext } from '../context.ts';
import { HttpError } from '../errors.ts';
import { STIX_MEDIA_TYPE } from '../media.ts';
import { reply } from '../reply.ts';

/** TAXII 2.1 §4.2.1 Collection Resource: "id, title, can_read, can_write" required. */
function resource(collection: Collection, ctx: RouteContext) {
  return {
    id: collection.id,
    title: collection.title,
    ...(collection.description === undefined ? {} : { description: collection.description }),
    ...(collection.alias === undefined ? {} : { alias: collection.alias }),
    can_read: collection.canRead,
    can_write: collection.canWrite && ctx.principal.write,
    media_types: [STIX_MEDIA_TYPE],
  };
}

/** The collection named in the path (by id or alias), or 404. */
export async function findCollection(ctx: RouteContext): Promise<Collection> {
  const id = ctx.params.collection ?? '';
  const collection = await ctx.config.store.getCollection(id);
  if (!collection) throw new HttpError('not_found', `no collection ${id}`);
  return collection;
}

/** Reading objects (§5.3, §5.5, §5.6, §5.8) needs a readable collection. */
export async function findReadable(ctx: RouteContext): Promise<Collection> {
  const collection = await findCollection(ctx);
  if (!collection.canRead) throw new HttpError('forbidden', `collection ${collection.id} is not readable`);
  return collection;
}

/** §5.4/§5.7: adding and deleting need a writable collection and a principal allowed to write. */
export async function findWritable(ctx: RouteContext): Promise<Collection> {
  const collection = await findCollection(ctx);
  if (!collection.canWrite || !ctx.principal.write) {
    throw new HttpError('forbidden', `collection ${collection.id} is not writable by ${ctx.principal.name}`);
  }
  return collection;
}

/** TAXII 2.1 §5.1 Get Collections. */
export async function listCollections(ctx: RouteContext): Promise<void> {
  const collections = await ctx.config.store.listCollections();
  reply(ctx, 200, { collections: collections.map((c) => resource(c, ctx)) });
}

/** TAXII 2.1 §5.2 Get a Collection. */
export async function getCollection(ctx: RouteContext): Promise<void> {
  reply(ctx, 200, resource(await findCollection(ctx), ctx));
}
