import type { RouteContext } from './context.ts';
import { send } from './http.ts';
import { TAXII_MEDIA_TYPE } from './media.ts';

/** A TAXII response: always exactly the TAXII 2.1 media type. */
export function reply(ctx: RouteContext, status: number, body: unknown, headers: Record<string, string> = {}): void {
  send(ctx.res, status, TAXII_MEDIA_TYPE, body, headers);
}
