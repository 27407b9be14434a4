// The one schema both backends share, as numbered migrations. Each runs once, in its own
// transaction, and is recorded in schema_migrations; an advisory lock lets several replicas
// start at the same time against one PostgreSQL. Never edit a released migration: add the next.

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The collection every exported bundle lands in; its id is fixed so clients can be configured once. */
export const DEFAULT_COLLECTION_ID = '9f3b6c1e-5a47-4c2d-8e0b-7d1f2a6c4e58';

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
];

export const MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

/** Serialises migrations across replicas; any constant works as long as it is always the same. */
export const MIGRATION_LOCK = 7_041_990_311;
