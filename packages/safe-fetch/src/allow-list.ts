import { ipLiteralOf } from './address-policy.ts';

// The operator's exceptions to the address policy: exact `host:port` pairs (a name or an IP,
// `[::1]:8080` for IPv6) that may be private, e.g. an intranet mirror or a test server. Only
// the listed port of the listed host is opened, nothing around it.

export interface AllowList {
  has(host: string, port: number): boolean;
}

function normaliseHost(host: string): string {
  return ipLiteralOf(host) ?? host.toLowerCase().replace(/\.$/, '');
}

function key(host: string, port: number): string {
  return `${normaliseHost(host)}|${port}`;
}

/** Throws a TypeError naming the bad entry, so a config error is seen at start-up. */
export function parseAllowList(entries: readonly string[]): AllowList {
  const keys = new Set<string>();
  for (const entry of entries) {
    const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(entry.trim());
    const port = Number(match?.[2]);
    if (!match?.[1] || !Number.isInteger(port) || port < 1 || port > 65535) {
      throw new TypeError(`allow entry ${JSON.stringify(entry)} is not host:port (e.g. 127.0.0.1:8080 or [::1]:8080)`);
    }
    const host = match[1].startsWith('[') ? match[1].slice(1, -1) : match[1];
    keys.add(key(host, port));
  }
  return { has: (host, port) => keys.has(key(host, port)) };
}
