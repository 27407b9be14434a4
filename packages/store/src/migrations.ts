// The one schema both backends share, as numbered migrations. Each runs once, in its own
// transaction, and is recorded in schema_migrations; an advisory lock lets several replicas
// start at the same time against one PostgreSQL. Never edit a released migration: add the next.

import { TLP_LEVELS, type Tlp } from '@stixmill/contracts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The collection every exported bundle lands in; its id is fixed so clients can be configured once. */
export const DEFAULT_COLLECTION_ID = '9f3b6c1e-5a47-4c2d-8e0b-7d1f2a6c4e58';

/**
 * One collection per TLP 2.0 level: the pipeline puts each object in the collection of its marking
 * as well as in the default one, so an operator can grant TLP:RED to fewer people than TLP:CLEAR.
 */
export const TLP_COLLECTIONS: Readonly<Record<Tlp, { id: string; alias: string; title: string }>> = {
  clear: { id: '30603e49-0a92-4df9-803e-f7ad38bec8e2', alias: 'tlp-clear', title: 'stixmill TLP:CLEAR' },
  green: { id: 'c5a57d0d-7566-4e5f-82c8-46ed766e49e3', alias: 'tlp-green', title: 'stixmill TLP:GREEN' },
  amber: { id: '686af4bd-757b-43b8-9776-b01d83b4b4df', alias: 'tlp-amber', title: 'stixmill TLP:AMBER' },
  'amber+strict': {
    id: 'ad2952f4-19a7-4ec1-9386-322e8a70a469',
    alias: 'tlp-amber-strict',
    title: 'stixmill TLP:AMBER+STRICT',
  },
  red: { id: 'a473abbe-5563-437f-8582-546d33712561', alias: 'tlp-red', title: 'stixmill TLP:RED' },
};

const tlpRows = TLP_LEVELS.map((level) => {
  const c = TLP_COLLECTIONS[level];
  const description = `Objects stixmill exported under TLP:${level.toUpperCase()}.`;
  return `('${c.id}', '${c.title}', '${description}', '${c.alias}', true, false)`;
}).join(',\n');

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'collections, objects, reports, statuses',
    sql: `
CREATE TABLE collections (
  id text PRIMARY KEY,
  title text NOT NULL,
  description text,
  alias text UNIQUE,
  can_read boolean NOT NULL DEFAULT true,
  can_write boolean NOT NULL DEFAULT false,
  -- The last date_added handed out, in microseconds; updating it locks the row, which orders
  -- concurrent writers so date_added is unique and increasing in commit order.
  last_added_us bigint NOT NULL DEFAULT 0
);

CREATE TABLE objects (
  collection_id text NOT NULL REFERENCES collections (id),
  id text NOT NULL,
  type text NOT NULL,
  spec_version text NOT NULL,
  -- modified, else created, else date_added; microseconds.
  version_us bigint NOT NULL,
  -- false for objects with neither modified nor created: they have one version only.
  versioned boolean NOT NULL,
  date_added_us bigint NOT NULL,
  report_id text,
  object jsonb NOT NULL,
  PRIMARY KEY (collection_id, id, version_us)
);
CREATE UNIQUE INDEX objects_date_added ON objects (collection_id, date_added_us);
CREATE UNIQUE INDEX objects_unversioned ON objects (collection_id, id) WHERE NOT versioned;
CREATE INDEX objects_type ON objects (collection_id, type, date_added_us);
CREATE INDEX objects_report ON objects (report_id);

CREATE TABLE reports (
  id text PRIMARY KEY,
  source text,
  stage text NOT NULL,
  error_code text,
  error_message text,
  error_stage text,
  counts jsonb NOT NULL DEFAULT '{}',
  stages jsonb NOT NULL DEFAULT '{}',
  created timestamptz NOT NULL DEFAULT now(),
  updated timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reports_updated ON reports (updated DESC);

CREATE TABLE statuses (
  id text PRIMARY KEY,
  body jsonb NOT NULL,
  created timestamptz NOT NULL DEFAULT now()
);

INSERT INTO collections (id, title, description, alias, can_read, can_write)
VALUES ('${DEFAULT_COLLECTION_ID}', 'stixmill', 'STIX 2.1 objects extracted from public threat reports by stixmill.', 'default', true, false);
`,
  },
  {
    version: 2,
    name: 'one collection per TLP level',
    sql: `
INSERT INTO collections (id, title, description, alias, can_read, can_write)
VALUES ${tlpRows}
ON CONFLICT (id) DO NOTHING;
`,
  },
  {
    version: 3,
    name: 'latest-version flag and the index that keeps polls fast',
    sql: `
-- TAXII polls ask for the latest version of each object by default (match[version]=last). As a
-- subquery per row that forced a scan and a sort of the whole collection on every page; a flag
-- kept on insert and delete lets a page be one range of a partial index, however deep.
ALTER TABLE objects ADD COLUMN latest boolean NOT NULL DEFAULT false;
UPDATE objects o SET latest = true
WHERE o.version_us = (SELECT max(v.version_us) FROM objects v WHERE v.collection_id = o.collection_id AND v.id = o.id);
CREATE INDEX objects_latest ON objects (collection_id, date_added_us) WHERE latest;
CREATE INDEX objects_latest_type ON objects (collection_id, type, date_added_us) WHERE latest;
`,
  },
  {
    version: 4,
    name: 'the report a duplicate report duplicates',
    sql: `
ALTER TABLE reports ADD COLUMN duplicate_of text;
`,
  },
  {
    version: 5,
    name: 'the TLP level a report was submitted under',
    sql: `
-- The report API shows a reader only the reports within their clearance; rows from before this
-- column are read as TLP:RED (unknown: the strictest).
ALTER TABLE reports ADD COLUMN tlp text;
`,
  },
  {
    version: 6,
    name: 'each report keeps its bundle; publication is recorded',
    sql: `
-- The exporter's bundle of each report, as its last delivery carried it: what an analyst reviews
-- and downloads, and what publishing puts into the collections. A report whose bundle waits for
-- review has none of its objects in any collection.
CREATE TABLE report_bundles (
  report_id text PRIMARY KEY,
  bundle jsonb NOT NULL,
  updated timestamptz NOT NULL DEFAULT now()
);
-- Who put the report's objects into the published collections, and when ('auto' for the
-- pipeline where no review is asked for). Rows from before this column were published by it.
ALTER TABLE reports ADD COLUMN published_at timestamptz;
ALTER TABLE reports ADD COLUMN published_by text;
UPDATE reports SET published_at = updated, published_by = 'auto' WHERE stage = 'stored';
`,
  },
];

export const MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

/** Serialises migrations across replicas; any constant works as long as it is always the same. */
export const MIGRATION_LOCK = 7_041_990_311;
