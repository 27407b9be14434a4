import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Log } from '@stixmill/contracts';
import type { Store } from '@stixmill/store';
import type { AccessPolicy } from './access.ts';
import type { Principal } from './auth.ts';

/** What the TAXII routes share: the deps of the app, resolved once. */
export interface TaxiiConfig {
  store: Store;
  title: string;
  access: AccessPolicy;
  publicBaseUrl: string | undefined;
  maxContentLength: number;
  log: Log | undefined;
}

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
  principal: Principal;
  config: TaxiiConfig;
}

/** Absolute URL of a path on this server, for discovery's api_roots. */
export function absoluteUrl(ctx: RouteContext, path: string): string {
  const base = ctx.config.publicBaseUrl ?? `http://${ctx.req.headers.host ?? '127.0.0.1'}`;
  return new URL(path, base.endsWith('/') ? base : `${base}/`).toString();
}
