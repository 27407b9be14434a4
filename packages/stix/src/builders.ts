import type { z } from 'zod';
import { StixValidationError } from './errors.ts';
import { EVIDENCE_EXTENSION_ID, PHONE_EXTENSION_ID, WALLET_EXTENSION_ID } from './extension-ids.ts';
import { indicatorId, relationshipId, reportId, type ScoType, scoId } from './ids.ts';
import { Bundle } from './schemas/bundle.ts';
import { SCO_SCHEMAS } from './schemas/sco.ts';
import { type Indicator, type Relationship, type Report, SDO_SCHEMAS, type SdoType } from './schemas/sdo.ts';

// Builders: the only way stixmill makes STIX objects. Each fills the fixed fields, derives the
// deterministic id, and parses the result with the package's schema before returning it, so
// an invalid object is an exception here and never a bundle a consumer rejects.

function parseWith<S extends z.ZodType>(schema: S, candidate: unknown, what: string): z.output<S> {
  const result = schema.safeParse(candidate);
  if (!result.success) throw StixValidationError.fromZod(what, result.error);
  return result.data;
}

type Fixed = 'type' | 'id' | 'spec_version' | 'extensions';

export type ScoProperties<T extends ScoType> = Omit<z.input<(typeof SCO_SCHEMAS)[T]>, Fixed>;
export type ScoOf<T extends ScoType> = z.output<(typeof SCO_SCHEMAS)[T]>;

/** New SCOs name the extension definition that declares them (STIX 2.1 §7.3). */
const NEW_SCO_EXTENSION: Partial<Record<ScoType, string>> = {
  'cryptocurrency-wallet': WALLET_EXTENSION_ID,
  'phone-number': PHONE_EXTENSION_ID,
};

export function buildSco<T extends ScoType>(type: T, properties: ScoProperties<T>): ScoOf<T> {
  const extension = NEW_SCO_EXTENSION[type];
  const candidate = {
    type,
    spec_version: '2.1',
    id: scoId(type, properties as Record<string, unknown>),
    ...properties,
    ...(extension === undefined ? {} : { extensions: { [extension]: { extension_type: 'new-sco' } } }),
  };
  return parseWith(SCO_SCHEMAS[type], candidate, type) as ScoOf<T>;
}

export type SdoProperties<T extends SdoType> = Omit<
  z.input<(typeof SDO_SCHEMAS)[T]>,
  'type' | 'spec_version' | 'extensions'
>;
export type SdoOf<T extends SdoType> = z.output<(typeof SDO_SCHEMAS)[T]>;

/** Any SDO or relationship, with its id given (see ids.ts for how each kind derives one). */
export function buildSdo<T extends SdoType>(type: T, properties: SdoProperties<T>): SdoOf<T> {
  const hasEvidence = (properties as { x_stixmill_evidence?: unknown }).x_stixmill_evidence !== undefined;
  const candidate = {
    type,
    spec_version: '2.1',
    ...properties,
    ...(hasEvidence
      ? { extensions: { [EVIDENCE_EXTENSION_ID]: { extension_type: 'toplevel-property-extension' } } }
      : {}),
  };
  return parseWith(SDO_SCHEMAS[type], candidate, type) as SdoOf<T>;
}

/** An indicator, its id derived from its pattern and producer. */
export function buildIndicator(
  properties: Omit<SdoProperties<'indicator'>, 'id' | 'pattern_type'> & { created_by_ref: string },
): Indicator {
  const id = indicatorId(properties.pattern, properties.created_by_ref) as Indicator['id'];
  return buildSdo('indicator', { id, ...properties, pattern_type: 'stix', pattern_version: '2.1' });
}

/** A relationship, its id derived from (type, source, target). */
export function buildRelationship(properties: Omit<SdoProperties<'relationship'>, 'id'>): Relationship {
  const id = relationshipId(properties.relationship_type, properties.source_ref, properties.target_ref);
  return buildSdo('relationship', { id: id as Relationship['id'], ...properties });
}

/** A report, its id derived from the document's source and sha256 and the producer. */
export function buildReport(
  properties: Omit<SdoProperties<'report'>, 'id'> & { created_by_ref: string },
  document: { source: string; sha256: string },
): Report {
  const id = reportId(document.source, document.sha256, properties.created_by_ref) as Report['id'];
  return buildSdo('report', { id, ...properties });
}

/**
 * A bundle of the objects, each id once (the first occurrence wins: a deterministic id means
 * a repeat is the same thing found again), validated like `parseBundle`.
 */
export function buildBundle(id: string, objects: readonly unknown[]): Bundle {
  const seen = new Set<string>();
  const unique = objects.filter((o) => {
    const objectId = (o as { id: string }).id;
    if (seen.has(objectId)) return false;
    seen.add(objectId);
    return true;
  });
  return parseBundle({ type: 'bundle', id, objects: unique });
}

/** Ids other objects in a stixmill bundle point at and that must therefore be in the bundle. */
function references(object: Record<string, unknown>): { path: string; id: string }[] {
  const refs: { path: string; id: string }[] = [];
  for (const key of ['source_ref', 'target_ref'] as const) {
    if (typeof object[key] === 'string') refs.push({ path: key, id: object[key] });
  }
  for (const key of ['object_refs', 'object_marking_refs'] as const) {
    const list = object[key];
    if (!Array.isArray(list)) continue;
    for (const [i, id] of (list as string[]).entries()) refs.push({ path: `${key}.${i}`, id });
  }
  const extensions = object.extensions;
  if (extensions && typeof extensions === 'object') {
    for (const key of Object.keys(extensions)) {
      if (key.startsWith('extension-definition--')) refs.push({ path: `extensions.${key}`, id: key });
    }
  }
  return refs;
}

/**
 * Validate a whole bundle (a JSON string or a parsed value) with the package's schemas, and
 * check what the schemas cannot: ids are unique, and every relationship end, report ref,
 * marking and extension definition an object names is in the bundle (stixmill's bundles are
 * self-contained). `created_by_ref` may point outside (the published TLP 2.0 definition's does).
 */
export function parseBundle(json: unknown): Bundle {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (error) {
      throw new StixValidationError('bundle', [{ path: '', message: `not JSON: ${(error as Error).message}` }]);
    }
  }
  const bundle = parseWith(Bundle, value, 'bundle');
  const ids = new Set<string>();
  const issues: { path: string; message: string }[] = [];
  bundle.objects.forEach((object, i) => {
    if (ids.has(object.id)) issues.push({ path: `objects.${i}.id`, message: `duplicate id ${object.id}` });
    ids.add(object.id);
  });
  bundle.objects.forEach((object, i) => {
    for (const ref of references(object as Record<string, unknown>)) {
      if (!ids.has(ref.id))
        issues.push({ path: `objects.${i}.${ref.path}`, message: `${ref.id} is not in the bundle` });
    }
  });
  if (issues.length > 0) throw new StixValidationError('bundle', issues);
  return bundle;
}
