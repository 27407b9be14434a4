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
  /** The most objects one POST stores; the rest are reported as failures. */
  maxObjects: number;
  /** Ids and aliases of collections served without stixmill's evidence property. */
  plainCollections: ReadonlySet<string>;
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

/** A Host header that names a host and port and nothing else (no path, no user info). */
const HOST = /^([A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?$/;

/**
 * Absolute URL of a path on this server, for discovery's api_roots: the configured public URL;
 * without one, the request's Host when it is a plain host[:port], else the address it came in on.
 */
export function absoluteUrl(ctx: RouteContext, path: string): string {
  const host = ctx.req.headers.host;
  const local = ctx.req.socket.localAddress ?? '127.0.0.1';
  const own = `${local.includes(':') ? `[${local}]` : local}:${ctx.req.socket.localPort ?? 80}`;
  const base = ctx.config.publicBaseUrl ?? `http://${host && HOST.test(host) ? host : own}`;
  return new URL(path, base.endsWith('/') ? base : `${base}/`).toString();
}
