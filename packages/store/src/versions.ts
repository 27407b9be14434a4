import { toMicros } from './time.ts';
import type { StixObject } from './types.ts';

// Which incoming objects become new versions. STIX 2.1 §3.6 (Versioning): "the modified property
// MUST be set ... when a new version is created", and "the created property ... MUST NOT be
// changed" across versions. A pipeline that re-ingests a report stamps its objects with a new
// `modified` even when nothing about them changed; storing those would flood every client with
// copies. So a version is kept only when its content (everything but created and modified)
// differs from the latest stored one, and it inherits the first version's `created`.

/** An incoming object as a row to insert. */
export interface IncomingRow {
  id: string;
  type: string;
  spec_version: string;
  /** modified, else created, in microseconds; undefined for objects with neither. */
  version_us: number | null;
  object: StixObject;
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
}

const IGNORED = new Set(['created', 'modified']);

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

/** Same object but for its timestamps (top-level created and modified). */
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
export function planVersions(rows: readonly IncomingRow[], heads: ReadonlyMap<string, StoredHead>): VersionPlan {
  const known = new Map(heads);
  const out: IncomingRow[] = [];
  let unchanged = 0;
  for (const row of rows) {
    const head = known.get(row.id);
    if (row.version_us === null || head === undefined) {
      out.push(row);
      if (row.version_us !== null)
        known.set(row.id, { latestVersionUs: row.version_us, latest: row.object, firstCreated: created(row.object) });
      continue;
    }
    if (row.version_us === head.latestVersionUs || sameContent(row.object, head.latest)) {
      // The same version again, or the same content under a new timestamp.
      if (row.version_us !== head.latestVersionUs) unchanged++;
      else out.push(row); // left to the unique key, which counts it as a duplicate
      continue;
    }
    let object = row.object;
    // An object with only `created` is versioned by it: rewriting it would change its version.
    if (typeof object.modified === 'string') {
      const first = earlier(head.firstCreated, created(object));
      if (first !== undefined && first !== object.created) object = { ...object, created: first };
    }
    out.push({ ...row, object });
    if (row.version_us > head.latestVersionUs)
      known.set(row.id, { latestVersionUs: row.version_us, latest: object, firstCreated: created(object) });
  }
  return { rows: out, unchanged };
}

function created(object: StixObject): string | undefined {
  return typeof object.created === 'string' ? object.created : undefined;
}
