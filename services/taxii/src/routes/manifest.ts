import type { RouteContext } from '../context.ts';
import { readFilter } from '../filters.ts';
import { STIX_MEDIA_TYPE } from '../media.ts';
import { dateAddedHeaders, paging } from '../page.ts';
import { reply } from '../reply.ts';
import { findReadable } from './collections.ts';

/** TAXII 2.1 §5.3.1 Get Object Manifests: "id, date_added, version, media_type" per object. */
export async function getManifest(ctx: RouteContext): Promise<void> {
  const collection = await findReadable(ctx);
  const filter = readFilter(ctx);
  const page = await ctx.config.store.manifest(collection.id, filter);
  const objects = page.items.map((i) => ({
    id: i.object.id,
    date_added: i.dateAdded,
    version: i.version,
    media_type: STIX_MEDIA_TYPE,
  }));
  reply(ctx, 200, { ...paging(page), objects }, dateAddedHeaders(page));
}
