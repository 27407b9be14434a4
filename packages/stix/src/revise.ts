// An analyst's review of a report's bundle, as STIX: rejected findings leave the report (with the
// relationships that reference them, and an indicator goes with the observable it detects),
// findings the extractor missed join it, created by the analyst's own identity, and the report
// becomes a new version that refers to exactly what remains, with a note by the analyst that
// says what changed. Objects already published that were rejected get a revoked version, so a
// feed's consumers drop them too.
import { buildIndicator, buildRelationship, buildSco, buildSdo, type SdoProperties } from './builders.ts';
import { producerIdentity } from './extensions.ts';
import { STIXMILL_NAMESPACE, sdoId } from './ids.ts';
import { equalsPattern, stringLiteral } from './pattern.ts';
import { uuidv5 } from './uuid5.ts';

type StixObject = { type: string; id: string } & Record<string, unknown>;
export interface StixBundleLike {
  type: 'bundle';
  id: string;
  objects: StixObject[];
}

export const ADDABLE_OBSERVABLES = ['domain-name', 'ipv4-addr', 'ipv6-addr', 'url', 'email-addr'] as const;
export const ADDABLE_ENTITIES = ['threat-actor', 'intrusion-set', 'malware', 'tool', 'campaign', 'identity'] as const;
export type AddableType = (typeof ADDABLE_OBSERVABLES)[number] | (typeof ADDABLE_ENTITIES)[number];

export interface Addition {
  type: AddableType;
  /** The observable's value or the entity's name, as the analyst selected or typed it. */
  value: string;
  /** The sentence it was selected from, kept as the object's description. */
  sentence?: string;
}

export interface Revision {
  /** Ids of objects to take out of the report. */
  reject: readonly string[];
  add: readonly Addition[];
  /** The analyst's name: their identity creates the added objects and the note. */
  analyst: string;
  now: Date;
}

export interface Revised {
  bundle: StixBundleLike;
  /** New versions of rejected objects, `revoked: true`, for a feed that already has them. */
  revoked: StixObject[];
  /** What the note says, as data: the names of what left and what joined. */
  rejectedNames: string[];
  addedNames: string[];
}

/** A new version's modified: now, or just after the version it replaces if that is later. */
const later = (now: Date, previous: string) =>
  new Date(Math.max(now.getTime(), Date.parse(previous) + 1)).toISOString();

const nameOf = (o: StixObject | undefined) => String(o?.name ?? o?.value ?? o?.id ?? '');
const isObservable = (t: string): t is (typeof ADDABLE_OBSERVABLES)[number] =>
  (ADDABLE_OBSERVABLES as readonly string[]).includes(t);

/** Every id the rejection takes with it: based-on partners and the relationships touching any of them. */
function rejectedClosure(objects: readonly StixObject[], reject: readonly string[]): Set<string> {
  const out = new Set(reject);
  const basedOn = objects.filter((o) => o.type === 'relationship' && o.relationship_type === 'based-on');
  for (const r of basedOn) {
    const [indicator, observable] = [String(r.source_ref), String(r.target_ref)];
    // A rejected observable takes its indicator; a rejected indicator its observable, unless
    // another indicator still detects it.
    if (out.has(observable)) out.add(indicator);
    if (
      reject.includes(indicator) &&
      !basedOn.some((o) => o.target_ref === observable && o.source_ref !== indicator && !out.has(String(o.source_ref)))
    )
      out.add(observable);
  }
  for (const o of objects)
    if (o.type === 'relationship' && (out.has(String(o.source_ref)) || out.has(String(o.target_ref)))) out.add(o.id);
  return out;
}

export function reviseBundle(bundle: StixBundleLike, revision: Revision): Revised {
  const now = revision.now.toISOString();
  const report = bundle.objects.find((o) => o.type === 'report');
  if (!report) throw new TypeError('the bundle holds no report to revise');
  const byId = new Map(bundle.objects.map((o) => [o.id, o]));
  for (const id of revision.reject) if (!byId.has(id)) throw new TypeError(`the report holds no object ${id}`);
  if (revision.reject.includes(report.id)) throw new TypeError('the report itself cannot be rejected');

  const gone = rejectedClosure(bundle.objects, revision.reject);
  const analyst = producerIdentity(revision.analyst);
  const marking = Array.isArray(report.object_marking_refs)
    ? { object_marking_refs: report.object_marking_refs as `marking-definition--${string}`[] }
    : {};
  const signed = { created_by_ref: analyst.id, created: now, modified: now, ...marking };

  const added: StixObject[] = [];
  for (const a of revision.add) {
    const value = a.value.trim();
    if (!value) throw new TypeError(`an added ${a.type} needs a value`);
    const description = a.sentence ? { description: `Added by ${revision.analyst} from: "${a.sentence}"` } : {};
    if (isObservable(a.type)) {
      const sco = buildSco(a.type, { value, ...marking } as never) as StixObject;
      const indicator = buildIndicator({
        ...signed,
        name: `${a.type}: ${value}`,
        pattern: equalsPattern(a.type, ['value'], stringLiteral(value)),
        valid_from: now,
        ...description,
      }) as StixObject;
      const basedOn = buildRelationship({
        ...signed,
        relationship_type: 'based-on',
        source_ref: indicator.id,
        target_ref: sco.id,
      }) as StixObject;
      added.push(sco, indicator, basedOn);
    } else {
      const fields: Record<string, unknown> = {
        ...signed,
        id: sdoId(a.type, value, analyst.id),
        name: value,
        ...description,
        ...(a.type === 'malware' ? { is_family: true } : {}),
        ...(a.type === 'identity' ? { identity_class: 'organization' } : {}),
      };
      added.push(buildSdo(a.type, fields as SdoProperties<typeof a.type> as never) as StixObject);
    }
  }

  const addedIds = new Set(added.map((o) => o.id));
  const kept = bundle.objects.filter((o) => !gone.has(o.id) && o.id !== report.id && !addedIds.has(o.id));
  const rejectedNames = revision.reject.map((id) => nameOf(byId.get(id)));
  const addedNames = revision.add.map((a) => `${a.type} ${a.value.trim()}`);
  const note = buildSdo('note', {
    ...signed,
    id: `note--${uuidv5(STIXMILL_NAMESPACE, `${report.id}|${now}|${revision.analyst}`)}` as never,
    abstract: `Reviewed by ${revision.analyst}`,
    content:
      [
        rejectedNames.length ? `Rejected: ${rejectedNames.join('; ')}.` : '',
        addedNames.length ? `Added: ${addedNames.join('; ')}.` : '',
      ]
        .filter(Boolean)
        .join('\n') || 'Reviewed without changes.',
    authors: [revision.analyst],
    object_refs: [report.id as never],
  }) as StixObject;
  const modified = later(revision.now, String(report.modified));
  const refs = (report.object_refs as string[]).filter((id) => !gone.has(id));
  const revisedReport = {
    ...report,
    modified,
    object_refs: [...new Set([...refs, analyst.id, note.id, ...addedIds])],
  };
  // Every object that left and has versions (SCOs have none), once, as a revoked later version.
  const revoked = [...gone]
    .map((id) => byId.get(id))
    .filter((o): o is StixObject => o !== undefined && typeof o.modified === 'string')
    .map((o) => ({ ...o, revoked: true, modified: later(revision.now, String(o.modified)) }));
  return {
    bundle: {
      type: 'bundle',
      id: `bundle--${uuidv5(STIXMILL_NAMESPACE, `${bundle.id}|${now}`)}`,
      objects: [
        ...kept.filter((o) => o.id !== analyst.id),
        analyst as unknown as StixObject,
        revisedReport,
        note,
        ...added,
      ],
    },
    revoked,
    rejectedNames,
    addedNames,
  };
}
