import type { Cursor } from './cursor.ts';

// The SQL both backends run. Filters become parameters, never text.

export interface VersionSelection {
  all: boolean;
  first: boolean;
  last: boolean;
  /** Exact versions, in microseconds. */
  stamps: number[];
}

export interface ObjectQuery {
  collectionId: string;
  addedAfterUs?: number | undefined;
  after?: Cursor | undefined;
  ids?: readonly string[] | undefined;
  types?: readonly string[] | undefined;
  specVersions?: readonly string[] | undefined;
  hiddenMarkings?: readonly string[] | undefined;
  versions: VersionSelection;
  /** Rows to fetch; the store asks for one more than the page to learn whether there is more. */
  limit: number;
  /** false for the manifest: only the fields that name a version, not the whole object. */
  withBody: boolean;
}

export interface ObjectRow {
  id: string;
  spec_version: string;
  versioned: boolean;
  date_added_us: number | string;
  object: Record<string, unknown>;
}

export function selectObjects(q: ObjectQuery): { text: string; params: unknown[] } {
  const params: unknown[] = [q.collectionId];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = ['o.collection_id = $1'];
  if (q.addedAfterUs !== undefined) where.push(`o.date_added_us > ${param(q.addedAfterUs)}`);
  // date_added is unique per collection (objects_date_added), so it alone orders and resumes a page.
  if (q.after !== undefined) where.push(`o.date_added_us > ${param(q.after.dateAdded)}`);
  if (q.ids?.length) where.push(`o.id = ANY(${param(q.ids)}::text[])`);
  if (q.types?.length) where.push(`o.type = ANY(${param(q.types)}::text[])`);
  if (q.specVersions?.length) where.push(`o.spec_version = ANY(${param(q.specVersions)}::text[])`);
  if (q.hiddenMarkings?.length)
    where.push(`NOT coalesce(o.object->'object_marking_refs' ?| ${param(q.hiddenMarkings)}::text[], false)`);
  if (!q.versions.all) {
    const any: string[] = [];
    const sibling = 'FROM objects v WHERE v.collection_id = o.collection_id AND v.id = o.id';
    if (q.versions.last) any.push('o.latest');
    if (q.versions.first) any.push(`o.version_us = (SELECT min(v.version_us) ${sibling})`);
    if (q.versions.stamps.length) any.push(`o.version_us = ANY(${param(q.versions.stamps)}::bigint[])`);
    where.push(any.length ? `(${any.join(' OR ')})` : 'false');
  }
  const body = q.withBody
    ? 'o.object'
    : `jsonb_build_object('id', o.id, 'modified', o.object->'modified', 'created', o.object->'created') AS object`;
  const text = `SELECT o.id, o.spec_version, o.versioned, o.date_added_us, ${body}
FROM objects o
WHERE ${where.join('\n  AND ')}
ORDER BY o.date_added_us
LIMIT ${param(q.limit)}`;
  return { text, params };
}

/** Hands out `count` date_added values: returns the last; the batch is (last - count, last]. */
export const RESERVE_DATE_ADDED = `
UPDATE collections
SET last_added_us = greatest(last_added_us + $2, (extract(epoch FROM clock_timestamp()) * 1000000)::bigint + $2 - 1)
WHERE id = $1
RETURNING last_added_us`;

/**
 * Inserts the rows of a JSON array in order, the n-th (1-based) at date_added first + n - 1.
 * ON CONFLICT without a target covers both the (collection, id, version) key and the one-version
 * rule for objects without modified/created, so a version already stored is skipped.
 */
export const INSERT_OBJECTS = `
INSERT INTO objects (collection_id, id, type, spec_version, version_us, versioned, date_added_us, report_id, object, latest)
SELECT $1, r.value->>'id', r.value->>'type', r.value->>'spec_version',
       coalesce((r.value->>'version_us')::bigint, $2 + r.n - 1), (r.value->>'version_us') IS NOT NULL,
       $2 + r.n - 1, $3, r.value->'object', coalesce((r.value->>'latest')::boolean, false)
FROM jsonb_array_elements($4::jsonb) WITH ORDINALITY AS r(value, n)
ON CONFLICT DO NOTHING
RETURNING id`;

/** The stored latest versions of these ids are superseded (run before inserting their successors). */
export const DEMOTE_LATEST = `
UPDATE objects SET latest = false WHERE collection_id = $1 AND id = ANY($2::text[]) AND latest`;

/** After a delete: the newest remaining version of the object is its latest. */
export const RESTORE_LATEST = `
UPDATE objects SET latest = true
WHERE collection_id = $1 AND id = $2
  AND version_us = (SELECT max(version_us) FROM objects WHERE collection_id = $1 AND id = $2)`;

export interface HeadRow {
  id: string;
  version_us: number | string;
  object: Record<string, unknown>;
  first_created: string | null;
}

/** Per id: the latest stored version, and the `created` of the first (both by the primary key). */
export const SELECT_HEADS = `
SELECT l.id, l.version_us, l.object,
       (SELECT f.object->>'created' FROM objects f
        WHERE f.collection_id = $1 AND f.id = l.id ORDER BY f.version_us LIMIT 1) AS first_created
FROM unnest($2::text[]) AS i(id)
CROSS JOIN LATERAL (
  SELECT o.id, o.version_us, o.object FROM objects o
  WHERE o.collection_id = $1 AND o.id = i.id AND o.versioned
  ORDER BY o.version_us DESC LIMIT 1
) l`;

export const SELECT_COLLECTIONS = `
SELECT id, title, description, alias, can_read, can_write FROM collections
ORDER BY (alias = 'default') IS TRUE DESC, title, id`;

export const SELECT_COLLECTION = `
SELECT id, title, description, alias, can_read, can_write FROM collections WHERE id = $1 OR alias = $1
ORDER BY (id = $1) DESC LIMIT 1`;

export const UPSERT_COLLECTION = `
INSERT INTO collections (id, title, description, alias, can_read, can_write) VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (id) DO UPDATE SET title = $2, description = $3, alias = $4, can_read = $5, can_write = $6`;

export function deleteObjectVersions(
  collectionId: string,
  objectId: string,
  versions: VersionSelection,
  specVersions?: readonly string[],
) {
  const select = selectObjects({
    collectionId,
    ids: [objectId],
    specVersions,
    versions,
    limit: 1_000_000,
    withBody: false,
  });
  // Select the victims first: the version conditions refer to the sibling versions as they were.
  return {
    text: `DELETE FROM objects d USING (${select.text}) s WHERE d.collection_id = $1 AND d.id = s.id AND d.date_added_us = s.date_added_us`,
    params: select.params,
  };
}

const REPORT_COLUMNS = `id, source, tlp, stage, error_code, error_message, error_stage, duplicate_of, counts, stages,
  published_by,
  (extract(epoch FROM published_at) * 1000000)::bigint AS published_us,
  (extract(epoch FROM created) * 1000000)::bigint AS created_us,
  (extract(epoch FROM updated) * 1000000)::bigint AS updated_us`;

export interface ReportRow {
  id: string;
  source: string | null;
  tlp: string | null;
  stage: string;
  error_code: string | null;
  error_message: string | null;
  error_stage: string | null;
  duplicate_of: string | null;
  counts: Record<string, number>;
  stages: Record<string, string>;
  published_by: string | null;
  published_us: number | string | null;
  created_us: number | string;
  updated_us: number | string;
}

export const INSERT_REPORT = `INSERT INTO reports (id, stage) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING id`;

export const LOCK_REPORT = `SELECT ${REPORT_COLUMNS} FROM reports WHERE id = $1 FOR UPDATE`;

/**
 * $2 stage, $3 source (kept if already known), $4..$6 error, $7 counts to merge, $8 stage time,
 * $9 duplicate of, $10 TLP (kept if already known).
 */
export const UPDATE_REPORT = `
UPDATE reports SET
  stage = $2,
  source = coalesce(source, $3),
  tlp = coalesce(tlp, $10),
  error_code = $4, error_message = $5, error_stage = $6,
  duplicate_of = $9,
  counts = counts || $7::jsonb,
  stages = jsonb_build_object($2::text, $8::text) || stages,
  updated = now()
WHERE id = $1`;

/** Information about a report that does not move it (a late stage still brings its counts). */
export const MERGE_REPORT = `
UPDATE reports SET source = coalesce(source, $2), tlp = coalesce(tlp, $6), counts = counts || $3::jsonb,
  stages = jsonb_build_object($4::text, $5::text) || stages
WHERE id = $1`;

export const SELECT_REPORT = `SELECT ${REPORT_COLUMNS} FROM reports WHERE id = $1`;

/** Reports changed after $1 (microseconds), oldest change first; $2 limit, $3 cleared TLP levels. */
export const SELECT_REPORTS_CHANGED = `SELECT ${REPORT_COLUMNS} FROM reports
WHERE updated > to_timestamp($1::double precision / 1000000) AND coalesce(tlp, 'red') = ANY($3::text[])
ORDER BY updated, id LIMIT $2`;

export const UPSERT_REPORT_BUNDLE = `
INSERT INTO report_bundles (report_id, bundle) VALUES ($1, $2::jsonb)
ON CONFLICT (report_id) DO UPDATE SET bundle = $2::jsonb, updated = now()`;

export const SELECT_REPORT_BUNDLE = `SELECT bundle FROM report_bundles WHERE report_id = $1`;

/** Marks a report published by $2, once; a change of the report shows in its updated time. */
export const PUBLISH_REPORT = `
UPDATE reports SET published_at = coalesce(published_at, now()), published_by = coalesce(published_by, $2), updated = now()
WHERE id = $1`;

/** $2: the TLP levels the reader is cleared for; a report of unknown level counts as RED. */
export const SELECT_REPORTS = `SELECT ${REPORT_COLUMNS} FROM reports
WHERE coalesce(tlp, 'red') = ANY($2::text[])
ORDER BY updated DESC, id LIMIT $1`;

export const UPSERT_STATUS = `
INSERT INTO statuses (id, body) VALUES ($1, $2::jsonb) ON CONFLICT (id) DO UPDATE SET body = $2::jsonb`;

export const SELECT_STATUS = `SELECT body FROM statuses WHERE id = $1`;
