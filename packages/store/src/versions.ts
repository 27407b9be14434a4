import { toMicros } from './time.ts';
import type { StixObject } from './types.ts';

// Which incoming objects become new versions. STIX 2.1 §3.6 (Versioning): "the modified property
// MUST be set ... when a new version is created", and "the created property ... MUST NOT be
// changed" across versions. A pipeline that re-ingests a report stamps its objects with a new
// `modified` even when nothing about them changed; storing those would flood every client with
// copies. So a version is kept only when its content (everything but created and modified)
// differs from the latest stored one, and it inherits the first version's `created`. Objects a
// producer posts over TAXII are stored as sent (`asSent`): their new `modified` is their new
// version, whatever else changed, and a version that contradicts the stored one of the same
// `modified` is a conflict to report, not a row to skip quietly.

/** An incoming object as a row to insert. */
export interface IncomingRow {
  id: string;
  type: string;
  spec_version: string;
  /** modified, else created, in microseconds; undefined for objects with neither. */
  version_us: number | null;
  object: StixObject;
  /** Set by planVersions: whether this row becomes the latest version of its object. */
  latest?: boolean;
}

/** What is stored for one id: its latest version and the `created` of its first. */
export interface StoredHead {
  latestVersionUs: number;
  latest: StixObject;
  firstCreated: string | undefined;
}

export interface VersionPlan {
  rows: IncomingRow[];
  /** Objects whose content equals the latest stored version: nothing stored. */
  unchanged: number;
  /** Ids whose stored latest version is superseded by a row of this batch. */
  demote: string[];
  /** With `asSent`: ids sent again under the latest version's `modified` with other content. */
  conflicts: string[];
}

// Besides the version timestamps, two fields say when a producer saw something rather than what
// it is: an indicator's valid_from and a report's published (stixmill takes both from the
// submission when the document gives no date). A re-ingest that changes only those is no news,
// and the first value is the truer one: the indicator was valid from the first sighting.
const IGNORED = new Set(['created', 'modified', 'valid_from', 'published']);

function equalJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equalJson(x, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.hasOwn(rb, k) && equalJson((a as Record<string, unknown>)[k], rb[k]));
}

/** Same object but for its timestamps (top-level created, modified, valid_from, published). */
export function sameContent(a: StixObject, b: StixObject): boolean {
  const strip = (o: StixObject) => Object.fromEntries(Object.entries(o).filter(([k]) => !IGNORED.has(k)));
  return equalJson(strip(a), strip(b));
}

/** The earlier of two STIX timestamps (text as given); the known one when the other is missing. */
function earlier(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return (toMicros(b) ?? Number.POSITIVE_INFINITY) < (toMicros(a) ?? Number.POSITIVE_INFINITY) ? b : a;
}

/**
 * Decide, in order, which rows to insert. `heads` holds what is stored per id; rows accepted
 * earlier in the same batch count as stored for the rows after them. Objects without a version
 * (SCOs without timestamps) pass through: the schema keeps one version of them.
 */
export function planVersions(
  rows: readonly IncomingRow[],
  heads: ReadonlyMap<string, StoredHead>,
  options: { asSent?: boolean } = {},
): VersionPlan {
  const conflicts: string[] = [];
  const known = new Map(heads);
  const out: IncomingRow[] = [];
  /** Per id, the row of this batch that is its latest version so far. */
  const latestRow = new Map<string, IncomingRow>();
  const demote = new Set<string>();
  let unchanged = 0;

  function becomesLatest(row: IncomingRow) {
    const previous = latestRow.get(row.id);
    if (previous) previous.latest = false;
    else if (heads.has(row.id)) demote.add(row.id);
    row.latest = true;
    latestRow.set(row.id, row);
    known.set(row.id, {
      latestVersionUs: row.version_us ?? 0,
      latest: row.object,
      firstCreated: known.get(row.id)?.firstCreated ?? created(row.object),
    });
  }

  for (const incoming of rows) {
    const head = known.get(incoming.id);
    if (incoming.version_us === null) {
      // One version only (the schema's unique key skips a second): always the latest.
      out.push({ ...incoming, latest: true });
      continue;
    }
    if (head === undefined) {
      const row = { ...incoming };
      out.push(row);
      becomesLatest(row);
      continue;
    }
    if (incoming.version_us === head.latestVersionUs) {
      if (options.asSent && !equalJson(incoming.object, head.latest)) conflicts.push(incoming.id);
      else out.push({ ...incoming, latest: false }); // the same version again: the unique key skips it
      continue;
    }
    if (options.asSent) {
      const row: IncomingRow = { ...incoming, latest: false };
      out.push(row);
      if (incoming.version_us > head.latestVersionUs) becomesLatest(row);
      continue;
    }
    if (sameContent(incoming.object, head.latest)) {
      unchanged++; // the same content under a new timestamp
      continue;
    }
    let object = incoming.object;
    // An object with only `created` is versioned by it: rewriting it would change its version.
    if (typeof object.modified === 'string') {
      const first = earlier(head.firstCreated, created(object));
      if (first !== undefined && first !== object.created) object = { ...object, created: first };
    }
    const row: IncomingRow = { ...incoming, object, latest: false };
    out.push(row);
    if (incoming.version_us > head.latestVersionUs) becomesLatest(row);
  }
  return { rows: out, unchanged, demote: [...demote], conflicts };
}

function created(object: StixObject): string | undefined {
  return typeof object.created === 'string' ? object.created : undefined;
}
