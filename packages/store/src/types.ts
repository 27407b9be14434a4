import type { ReportStage, Tlp } from '@stixmill/contracts';

/** A STIX object as stored: any JSON object with a type and an id. */
export type StixObject = { type: string; id: string } & Record<string, unknown>;

export interface Collection {
  id: string;
  title: string;
  description?: string;
  alias?: string;
  canRead: boolean;
  canWrite: boolean;
}

/** One value of TAXII's `match[version]`: first, last, all, or a version timestamp. */
export type VersionMatch = 'first' | 'last' | 'all' | (string & {});

export interface ObjectFilter {
  /** Only objects whose date_added is strictly after this RFC 3339 timestamp. */
  addedAfter?: string | undefined;
  /** Page size; the caller bounds it (TAXII: default 100, at most 1000). */
  limit: number;
  /** The `next` token of the previous page. */
  next?: string | undefined;
  ids?: readonly string[] | undefined;
  types?: readonly string[] | undefined;
  /** Which versions of each object; default `last`. Several values are OR-ed. */
  versions?: VersionMatch | readonly VersionMatch[] | undefined;
  specVersions?: readonly string[] | undefined;
  /** Leave out objects whose object_marking_refs hold any of these (markings the reader is not cleared for). */
  hiddenMarkings?: readonly string[] | undefined;
}

export interface StoredObject {
  object: StixObject;
  /** When this server added this version, RFC 3339 with microseconds. */
  dateAdded: string;
  /** The version: `modified`, else `created`, else date_added (for objects that have neither). */
  version: string;
  specVersion: string;
}

export interface Page<T> {
  items: T[];
  more: boolean;
  /** Present when `more`: pass it back as `next` with the same filter. */
  next?: string;
  /** date_added of the first and last item of the page (for X-TAXII-Date-Added-First/-Last). */
  firstAdded?: string;
  lastAdded?: string;
}

export interface PutResult {
  /** Versions newly stored. */
  added: number;
  /** Versions already stored (same id and version): skipped. */
  duplicates: number;
  /** New versions whose content (all but created and modified) equals the latest stored: skipped. */
  unchanged: number;
  /** Ids sent again under their stored latest version with other content (only with `asSent`): not stored. */
  conflicts?: string[];
}

export interface StageInfo {
  /** Where the report came from (URL, file:NAME); kept from the first stage that gives it. */
  source?: string;
  /** The TLP level it was submitted under; kept from the first stage that gives it. */
  tlp?: Tlp | undefined;
  /** For `failed`: what failed and why. */
  error?: { code: string; message: string; stage?: string };
  /** Counts to merge into the report's counts (objects, findings ...). */
  counts?: Record<string, number>;
  /** For `duplicate`: the earlier report of the same document. */
  duplicateOf?: string;
}

export interface ReportRecord {
  id: string;
  source?: string;
  /** The TLP level it was submitted under (RED when not recorded: the strictest). */
  tlp: Tlp;
  stage: ReportStage;
  error?: { code: string; message: string; stage?: string };
  /** For `duplicate`: the earlier report of the same document, whose objects stand for this one. */
  duplicateOf?: string;
  /** When and by whom its objects were put into the published collections ('auto': no review asked). */
  published?: { at: string; by: string };
  counts: Record<string, number>;
  /** When the report first reached each stage. */
  stages: Partial<Record<ReportStage, string>>;
  created: string;
  updated: string;
}

export interface StatusRecord {
  id: string;
  status: 'pending' | 'complete';
  requestTimestamp: string;
  totalCount: number;
  successCount: number;
  failureCount: number;
  pendingCount: number;
  successes: { id: string; version?: string }[];
  failures: { id: string; version?: string; message?: string }[];
}

/**
 * The TAXII store and the report ledger. Two backends (embedded PGlite, PostgreSQL) share one
 * schema and one set of queries; every method behaves the same on both.
 */
export interface Store {
  /** Apply pending migrations (once each; safe to call from several replicas at once). */
  migrate(): Promise<void>;
  listCollections(): Promise<Collection[]>;
  /** A collection by id or alias. */
  getCollection(idOrAlias: string): Promise<Collection | undefined>;
  /** Create a collection, or update its title, description, alias and permissions. */
  putCollection(collection: Collection): Promise<void>;
  /**
   * Store objects one by one. Idempotent: a version (same id and `modified`) already stored is
   * skipped; so is a new `modified` whose content equals the latest stored version. Any other
   * `modified` is a new version, stored with the first version's `created` (STIX 2.1 §3.6). Each
   * new version gets a date_added unique and strictly increasing within the collection, so
   * `added_after` paging never skips or repeats.
   */
  /**
   * Store objects as new versions. The pipeline's re-ingests skip versions whose content is
   * unchanged and keep the first `created`; `asSent` (objects a producer posts over TAXII) stores
   * every new `modified` as sent and reports same-version contradictions in `conflicts`.
   */
  putObjects(
    collectionId: string,
    objects: readonly StixObject[],
    options?: { reportId?: string; asSent?: boolean },
  ): Promise<PutResult>;
  listObjects(collectionId: string, filter: ObjectFilter): Promise<Page<StoredObject>>;
  /** The versions of one object that match the filter (TAXII "get an object"). */
  getObject(collectionId: string, objectId: string, filter: Omit<ObjectFilter, 'ids'>): Promise<Page<StoredObject>>;
  /** The version timestamps of one object (TAXII "get object versions"); `versions` is ignored. */
  listVersions(
    collectionId: string,
    objectId: string,
    filter: Omit<ObjectFilter, 'ids' | 'versions'>,
  ): Promise<Page<StoredObject>>;
  /** Manifest entries: the same rows as listObjects, for the manifest endpoint. */
  manifest(collectionId: string, filter: ObjectFilter): Promise<Page<StoredObject>>;
  /** Delete the versions of an object that match; returns how many were deleted. */
  deleteObject(
    collectionId: string,
    objectId: string,
    filter: Pick<ObjectFilter, 'versions' | 'specVersions'>,
  ): Promise<number>;
  /** Move a report to a stage. A report never moves backwards; a late stage is ignored. */
  recordStage(reportId: string, stage: ReportStage, info?: StageInfo): Promise<void>;
  getReport(reportId: string): Promise<ReportRecord | undefined>;
  /** Most recently updated first; only reports of the `tlps` levels (default all). */
  listReports(options: { limit: number; tlps?: readonly Tlp[] | undefined }): Promise<ReportRecord[]>;
  /** Reports changed after a time (microseconds since the epoch), oldest change first: what a live view needs next. */
  reportsChangedAfter(
    afterMicros: number,
    options: { limit: number; tlps?: readonly Tlp[] | undefined },
  ): Promise<ReportRecord[]>;
  /** Keep a report's bundle (the exporter's, as last delivered): for review, download and publishing. */
  putReportBundle(reportId: string, bundle: StixObject): Promise<void>;
  getReportBundle(reportId: string): Promise<StixObject | undefined>;
  /** Record that a report's objects are in the published collections, and who put them there (once). */
  markPublished(reportId: string, by: string): Promise<void>;
  putStatus(status: StatusRecord): Promise<void>;
  getStatus(id: string): Promise<StatusRecord | undefined>;
  close(): Promise<void>;
}

/** A filter value the store cannot use (a malformed timestamp or `next` token): a 400 at the HTTP edge. */
export class InvalidFilterError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.name = 'InvalidFilterError';
    this.field = field;
  }
}

/** A collection that does not exist: a 404 at the HTTP edge. */
export class UnknownCollectionError extends Error {
  readonly collectionId: string;
  constructor(collectionId: string) {
    super(`no collection ${collectionId}`);
    this.name = 'UnknownCollectionError';
    this.collectionId = collectionId;
  }
}

// SQLSTATE classes that name the statement or its data, not the database's state: the same
// write fails the same way every time, so retrying it only delays the dead letter.
// 22 data exception (a NUL in jsonb, a value out of range), 23 integrity constraint,
// 42 syntax or access rule, 54 program limit exceeded (a value too large to index).
const PERMANENT_SQLSTATE_CLASSES = new Set(['22', '23', '42', '54']);

/** Whether a store error would recur on retry (PostgreSQL and PGlite both carry the SQLSTATE). */
export function isPermanentStoreError(error: unknown): boolean {
  if (error instanceof InvalidFilterError || error instanceof UnknownCollectionError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && PERMANENT_SQLSTATE_CLASSES.has(code.slice(0, 2));
}
