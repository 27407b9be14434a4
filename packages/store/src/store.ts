import { type ReportStage, TLP_LEVELS, type Tlp } from '@stixmill/contracts';
import { cursorScope, decodeCursor, encodeCursor } from './cursor.ts';
import type { Db } from './db.ts';
import { MIGRATION_LOCK, MIGRATIONS, MIGRATIONS_TABLE, type Migration } from './migrations.ts';
import { movesForward } from './progress.ts';
import * as sql from './queries.ts';
import { AUTOVACUUM, type Statistics } from './statistics.ts';
import { fromMicros, toMicros } from './time.ts';
import {
  type Collection,
  InvalidFilterError,
  type ObjectFilter,
  type Page,
  type ReportRecord,
  type StatusRecord,
  type StixObject,
  type Store,
  type StoredObject,
  UnknownCollectionError,
  type VersionMatch,
} from './types.ts';
import { type IncomingRow, planVersions, type StoredHead } from './versions.ts';

interface CollectionRow {
  id: string;
  title: string;
  description: string | null;
  alias: string | null;
  can_read: boolean;
  can_write: boolean;
}

function toCollection(row: CollectionRow): Collection {
  return {
    id: row.id,
    title: row.title,
    ...(row.description === null ? {} : { description: row.description }),
    ...(row.alias === null ? {} : { alias: row.alias }),
    canRead: row.can_read,
    canWrite: row.can_write,
  };
}

function toReport(row: sql.ReportRow): ReportRecord {
  return {
    id: row.id,
    ...(row.source === null ? {} : { source: row.source }),
    tlp: (row.tlp ?? 'red') as Tlp,
    stage: row.stage as ReportStage,
    ...(row.error_code === null
      ? {}
      : {
          error: {
            code: row.error_code,
            message: row.error_message ?? '',
            ...(row.error_stage === null ? {} : { stage: row.error_stage }),
          },
        }),
    ...(row.duplicate_of === null ? {} : { duplicateOf: row.duplicate_of }),
    ...(row.published_by === null || row.published_us === null
      ? {}
      : { published: { at: fromMicros(Number(row.published_us)), by: row.published_by } }),
    counts: row.counts,
    stages: row.stages,
    created: fromMicros(Number(row.created_us)),
    updated: fromMicros(Number(row.updated_us)),
  };
}

function versionSelection(versions: ObjectFilter['versions']): sql.VersionSelection {
  const list: readonly VersionMatch[] =
    versions === undefined ? ['last'] : typeof versions === 'string' ? [versions] : versions;
  const selection: sql.VersionSelection = { all: false, first: false, last: false, stamps: [] };
  for (const value of list.length ? list : ['last']) {
    if (value === 'all') selection.all = true;
    else if (value === 'first') selection.first = true;
    else if (value === 'last') selection.last = true;
    else {
      const micros = toMicros(value);
      if (micros === undefined)
        throw new InvalidFilterError('match[version]', `not first, last, all or a timestamp: ${value}`);
      selection.stamps.push(micros);
    }
  }
  return selection;
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** What a row needs from an object: its version in microseconds, if it has one. */
function versionOf(object: StixObject): number | undefined {
  const stamp = textOf(object.modified) ?? textOf(object.created);
  if (stamp === undefined) return undefined;
  const micros = toMicros(stamp);
  if (micros === undefined)
    throw new InvalidFilterError('object', `${object.id}: modified/created is not a timestamp: ${stamp}`);
  return micros;
}

function toStored(row: sql.ObjectRow): StoredObject {
  const dateAdded = fromMicros(Number(row.date_added_us));
  const object = row.object as StixObject;
  return {
    object,
    dateAdded,
    version: row.versioned ? (textOf(object.modified) ?? textOf(object.created) ?? dateAdded) : dateAdded,
    specVersion: row.spec_version,
  };
}

async function applyMigrations(db: Db, migrations: readonly Migration[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(MIGRATIONS_TABLE);
    const done = new Set(
      (await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => Number(r.version)),
    );
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
    }
  });
}

/** A Store over any Db; the backends differ only in the Db they pass. */
export function createSqlStore(
  db: Db,
  options: { migrations?: readonly Migration[]; statistics?: Statistics } = {},
): Store {
  const migrations = options.migrations ?? MIGRATIONS;
  const statistics = options.statistics ?? AUTOVACUUM;

  async function requireCollection(collectionId: string): Promise<void> {
    const rows = await db.query('SELECT 1 FROM collections WHERE id = $1', [collectionId]);
    if (rows.length === 0) throw new UnknownCollectionError(collectionId);
  }

  async function page(
    collectionId: string,
    filter: ObjectFilter,
    withBody: boolean,
    forced: Partial<sql.ObjectQuery> = {},
  ) {
    if (!Number.isInteger(filter.limit) || filter.limit < 1)
      throw new InvalidFilterError('limit', 'limit must be a positive integer');
    let addedAfterUs: number | undefined;
    if (filter.addedAfter !== undefined) {
      addedAfterUs = toMicros(filter.addedAfter);
      if (addedAfterUs === undefined)
        throw new InvalidFilterError('added_after', `not an RFC 3339 timestamp: ${filter.addedAfter}`);
    }
    const after = filter.next === undefined ? undefined : decodeCursor(filter.next);
    if (filter.next !== undefined && after === undefined)
      throw new InvalidFilterError('next', 'not a next token from this server');
    // The request a token continues: the collection and every filter but the page size (a client
    // may change its limit between pages). Lists are sorted: match[type]=a,b is b,a.
    const sorted = (list: readonly string[] | undefined) => (list === undefined ? null : [...list].sort());
    const scope = cursorScope([
      collectionId,
      filter.addedAfter ?? null,
      sorted(filter.ids),
      sorted(filter.types),
      sorted(filter.specVersions),
      sorted(typeof filter.versions === 'string' ? [filter.versions] : filter.versions),
      forced,
    ]);
    if (after?.scope !== undefined && after.scope !== scope)
      throw new InvalidFilterError(
        'next',
        'this next token continues another request (another collection or other filters): send it with the same collection and filters as the request that returned it',
      );
    const query = sql.selectObjects({
      collectionId,
      addedAfterUs,
      after,
      ids: filter.ids,
      types: filter.types,
      specVersions: filter.specVersions,
      hiddenMarkings: filter.hiddenMarkings,
      versions: versionSelection(filter.versions),
      limit: filter.limit + 1,
      withBody,
      ...forced,
    });
    await requireCollection(collectionId);
    const rows = await db.query<sql.ObjectRow>(query.text, query.params);
    const more = rows.length > filter.limit;
    const items = rows.slice(0, filter.limit).map(toStored);
    const result: Page<StoredObject> = { items, more };
    const first = items[0];
    const last = items.at(-1);
    const lastRow = rows[items.length - 1];
    if (first && last) {
      result.firstAdded = first.dateAdded;
      result.lastAdded = last.dateAdded;
    }
    if (more && lastRow)
      result.next = encodeCursor({ dateAdded: Number(lastRow.date_added_us), id: lastRow.id, scope });
    return result;
  }

  return {
    async migrate() {
      await applyMigrations(db, migrations);
      await statistics.refresh();
    },

    async listCollections() {
      return (await db.query<CollectionRow>(sql.SELECT_COLLECTIONS)).map(toCollection);
    },

    async getCollection(idOrAlias) {
      const [row] = await db.query<CollectionRow>(sql.SELECT_COLLECTION, [idOrAlias]);
      return row && toCollection(row);
    },

    async putCollection(c) {
      await db.query(sql.UPSERT_COLLECTION, [
        c.id,
        c.title,
        c.description ?? null,
        c.alias ?? null,
        c.canRead,
        c.canWrite,
      ]);
    },

    async putObjects(collectionId, objects, options = {}) {
      if (objects.length === 0) return { added: 0, duplicates: 0, unchanged: 0 };
      const incoming: IncomingRow[] = objects.map((object) => ({
        id: object.id,
        type: object.type,
        spec_version: textOf(object.spec_version) ?? '2.1',
        version_us: versionOf(object) ?? null,
        object,
      }));
      const result = await db.transaction(async (tx) => {
        // Reserving first locks the collection row: concurrent writers to this collection wait
        // here, so the heads read next include whatever they committed.
        const [reserved] = await tx.query<{ last_added_us: number | string }>(sql.RESERVE_DATE_ADDED, [
          collectionId,
          incoming.length,
        ]);
        if (!reserved) throw new UnknownCollectionError(collectionId);
        const versioned = [...new Set(incoming.filter((r) => r.version_us !== null).map((r) => r.id))];
        const heads = new Map<string, StoredHead>();
        if (versioned.length) {
          for (const row of await tx.query<sql.HeadRow>(sql.SELECT_HEADS, [collectionId, versioned])) {
            heads.set(row.id, {
              latestVersionUs: Number(row.version_us),
              latest: row.object as StixObject,
              firstCreated: row.first_created ?? undefined,
            });
          }
        }
        const plan = planVersions(incoming, heads, { asSent: options.asSent === true });
        const conflicts = plan.conflicts.length ? { conflicts: plan.conflicts } : {};
        if (plan.rows.length === 0) return { added: 0, duplicates: 0, unchanged: plan.unchanged, ...conflicts };
        // date_added values left unused by skipped rows are gaps, which paging does not mind.
        const first = Number(reserved.last_added_us) - incoming.length + 1;
        if (plan.demote.length) await tx.query(sql.DEMOTE_LATEST, [collectionId, plan.demote]);
        const inserted = await tx.query(sql.INSERT_OBJECTS, [
          collectionId,
          first,
          options.reportId ?? null,
          JSON.stringify(plan.rows),
        ]);
        return {
          added: inserted.length,
          duplicates: plan.rows.length - inserted.length,
          unchanged: plan.unchanged,
          ...conflicts,
        };
      });
      statistics.written(result.added);
      return result;
    },

    listObjects: (collectionId, filter) => page(collectionId, filter, true),

    getObject: (collectionId, objectId, filter) => page(collectionId, { ...filter, ids: [objectId] }, true),

    listVersions: (collectionId, objectId, filter) =>
      page(collectionId, { ...filter, ids: [objectId] }, false, {
        versions: { all: true, first: false, last: false, stamps: [] },
      }),

    manifest: (collectionId, filter) => page(collectionId, filter, false),

    async deleteObject(collectionId, objectId, filter) {
      await requireCollection(collectionId);
      const query = sql.deleteObjectVersions(
        collectionId,
        objectId,
        versionSelection(filter.versions ?? 'all'),
        filter.specVersions,
      );
      return db.transaction(async (tx) => {
        // Lock the collection as writers do, so the latest flag is settled against their inserts.
        await tx.query('SELECT 1 FROM collections WHERE id = $1 FOR UPDATE', [collectionId]);
        const deleted = (await tx.query(`${query.text} RETURNING d.id`, query.params)).length;
        if (deleted) await tx.query(sql.RESTORE_LATEST, [collectionId, objectId]);
        return deleted;
      });
    },

    async recordStage(reportId, stage, info = {}) {
      const counts = JSON.stringify(info.counts ?? {});
      const now = new Date().toISOString();
      await db.transaction(async (tx) => {
        const created = (await tx.query(sql.INSERT_REPORT, [reportId, stage])).length > 0;
        const [row] = await tx.query<sql.ReportRow>(sql.LOCK_REPORT, [reportId]);
        const current = created || !row ? undefined : (row.stage as ReportStage);
        if (movesForward(current, stage)) {
          const error = stage === 'failed' ? info.error : undefined;
          await tx.query(sql.UPDATE_REPORT, [
            reportId,
            stage,
            info.source ?? null,
            error?.code ?? (stage === 'failed' ? 'internal' : null),
            error?.message ?? null,
            error?.stage ?? null,
            counts,
            now,
            stage === 'duplicate' ? (info.duplicateOf ?? null) : null,
            info.tlp ?? null,
          ]);
        } else {
          await tx.query(sql.MERGE_REPORT, [reportId, info.source ?? null, counts, stage, now, info.tlp ?? null]);
        }
      });
    },

    async getReport(reportId) {
      const [row] = await db.query<sql.ReportRow>(sql.SELECT_REPORT, [reportId]);
      return row && toReport(row);
    },

    async listReports({ limit, tlps = TLP_LEVELS }) {
      return (await db.query<sql.ReportRow>(sql.SELECT_REPORTS, [limit, [...tlps]])).map(toReport);
    },

    async reportsChangedAfter(afterMicros, { limit, tlps = TLP_LEVELS }) {
      return (await db.query<sql.ReportRow>(sql.SELECT_REPORTS_CHANGED, [afterMicros, limit, [...tlps]])).map(toReport);
    },

    async putReportBundle(reportId, bundle) {
      await db.query(sql.UPSERT_REPORT_BUNDLE, [reportId, JSON.stringify(bundle)]);
    },

    async getReportBundle(reportId) {
      const [row] = await db.query<{ bundle: StixObject }>(sql.SELECT_REPORT_BUNDLE, [reportId]);
      return row?.bundle;
    },

    async markPublished(reportId, by) {
      await db.query(sql.PUBLISH_REPORT, [reportId, by]);
    },

    async putStatus(status) {
      await db.query(sql.UPSERT_STATUS, [status.id, JSON.stringify(status)]);
    },

    async getStatus(id) {
      const [row] = await db.query<{ body: StatusRecord }>(sql.SELECT_STATUS, [id]);
      return row?.body;
    },

    async close() {
      await statistics.settle();
      await db.close();
    },
  };
}
