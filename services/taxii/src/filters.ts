import { type ObjectFilter, toMicros } from '@stixmill/store';
import { hiddenMarkings } from './clearance.ts';
import type { RouteContext } from './context.ts';
import { HttpError } from './errors.ts';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

function list(params: URLSearchParams, name: string): string[] | undefined {
  const values = params
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
  return values.length ? values : undefined;
}

/**
 * TAXII 2.1 §3.5 Filtering and §3.4 Pagination: `added_after` (strictly after date_added),
 * `limit`, `next`, and `match[id|type|version|spec_version]`, each a comma-separated list
 * ("match[type]=indicator,sighting"). A limit past the maximum is served at the maximum
 * (§3.4: "the server MAY return fewer"); a malformed value is a 400.
 */
export function parseObjectFilter(params: URLSearchParams): ObjectFilter {
  const filter: ObjectFilter = { limit: DEFAULT_LIMIT };
  const limit = params.get('limit');
  if (limit !== null) {
    // Any positive integer is served, at most MAX_LIMIT at a time, however many digits it has.
    if (!/^\d{1,100}$/.test(limit) || /^0+$/.test(limit))
      throw new HttpError('bad_request', `limit must be a positive integer, not ${limit.slice(0, 100)}`);
    const digits = limit.replace(/^0+/, '');
    filter.limit = digits.length > 4 ? MAX_LIMIT : Math.min(Number(digits), MAX_LIMIT);
  }
  const addedAfter = params.get('added_after');
  if (addedAfter !== null) {
    if (toMicros(addedAfter) === undefined)
      throw new HttpError('bad_request', `added_after is not an RFC 3339 timestamp: ${addedAfter}`);
    filter.addedAfter = addedAfter;
  }
  const next = params.get('next');
  if (next !== null && next !== '') filter.next = next;
  filter.ids = list(params, 'match[id]');
  filter.types = list(params, 'match[type]');
  filter.specVersions = list(params, 'match[spec_version]');
  const versions = list(params, 'match[version]');
  for (const v of versions ?? []) {
    if (v !== 'first' && v !== 'last' && v !== 'all' && toMicros(v) === undefined) {
      throw new HttpError('bad_request', `match[version] takes first, last, all or a timestamp, not ${v}`);
    }
  }
  filter.versions = versions;
  return filter;
}

/** The request's filter, less what the requester is not cleared to see (see clearance.ts). */
export function readFilter(ctx: RouteContext): ObjectFilter {
  return {
    ...parseObjectFilter(ctx.url.searchParams),
    hiddenMarkings: hiddenMarkings(ctx.config.access, ctx.principal),
  };
}
