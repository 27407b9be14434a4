import { absoluteUrl, type RouteContext } from '../context.ts';
import { TAXII_MEDIA_TYPE } from '../media.ts';
import { API_ROOT_PATH } from '../paths.ts';
import { reply } from '../reply.ts';

/** TAXII 2.1 §4.1 Server Discovery: "title (required), description, contact, default, api_roots". */
export async function getDiscovery(ctx: RouteContext): Promise<void> {
  const root = absoluteUrl(ctx, API_ROOT_PATH.slice(1));
  reply(ctx, 200, {
    title: ctx.config.title,
    description: 'STIX 2.1 intelligence extracted from public threat reports, advisories and DOJ filings.',
    default: root,
    api_roots: [root],
  });
}

/** TAXII 2.1 §4.2 Get API Root Information: "title, versions, max_content_length" are required. */
export async function getApiRoot(ctx: RouteContext): Promise<void> {
  reply(ctx, 200, {
    title: ctx.config.title,
    description: 'The stixmill API root.',
    versions: [TAXII_MEDIA_TYPE],
    max_content_length: ctx.config.maxContentLength,
  });
}
