import type { Tlp } from '@stixmill/contracts';
import { DEFAULT_COLLECTION_ID, type PutResult, type StixObject, type Store, TLP_COLLECTIONS } from '@stixmill/store';
import { tlpOf } from './tlp.ts';

// Publishing a report: its objects go into the collections SOC platforms poll (the default one,
// and the one of each object's TLP level), and the report records who did it. The pipeline does
// it at once where no review is asked for; an analyst does it from the review otherwise.

export interface Publication {
  reportId: string;
  /** The objects of the report's bundle (the bundle itself is never stored as an object). */
  objects: readonly StixObject[];
  /** The report's TLP level: for objects that carry no TLP marking of their own. */
  tlp: Tlp;
  /** Who publishes: 'auto' for the pipeline, else the analyst's name. */
  by: string;
  collectionId?: string;
  /** Also put each object in the collection of its TLP level (default true). */
  tlpCollections?: boolean;
  /** Record the report as published (default true); false for the part a threshold lets out early. */
  complete?: boolean;
}

/** The objects of a bundle, as the collections keep them. */
export const bundleObjects = (bundle: Record<string, unknown>): StixObject[] =>
  (Array.isArray(bundle.objects) ? (bundle.objects as StixObject[]) : []).filter((o) => o.type !== 'bundle');

export async function publish(store: Store, p: Publication): Promise<PutResult> {
  const result = await store.putObjects(p.collectionId ?? DEFAULT_COLLECTION_ID, p.objects, { reportId: p.reportId });
  if (p.tlpCollections !== false) {
    const groups = new Map<string, StixObject[]>();
    for (const object of p.objects) {
      const id = TLP_COLLECTIONS[tlpOf(object, p.tlp)].id;
      groups.set(id, [...(groups.get(id) ?? []), object]);
    }
    for (const [collection, group] of groups) await store.putObjects(collection, group, { reportId: p.reportId });
  }
  if (p.complete !== false) await store.markPublished(p.reportId, p.by);
  return result;
}

/** Objects that describe no finding but that others refer to: they go out with any part. */
const FRAME = new Set(['marking-definition', 'extension-definition']);

/**
 * The part of a report a confidence threshold lets out before review: findings (indicators,
 * entities, relationships) at `threshold` or above, the observables their indicators are based
 * on, the relationships between what goes out, and the markings and identities they refer to.
 * The report object and everything below the threshold wait for the analyst.
 */
export function confidentPart(objects: readonly StixObject[], threshold: number): StixObject[] {
  const sure = (o: StixObject) => typeof o.confidence === 'number' && o.confidence >= threshold;
  const out = new Set(
    objects
      .filter((o) => o.type !== 'relationship' && o.type !== 'report' && o.type !== 'note' && sure(o))
      .map((o) => o.id),
  );
  const relationships = objects.filter((o) => o.type === 'relationship');
  for (const r of relationships)
    if (r.relationship_type === 'based-on' && out.has(String(r.source_ref))) {
      out.add(String(r.target_ref));
      out.add(r.id);
    }
  for (const r of relationships)
    if (sure(r) && out.has(String(r.source_ref)) && out.has(String(r.target_ref))) out.add(r.id);
  const referred = new Set(
    objects
      .filter((o) => out.has(o.id))
      .flatMap((o) => [o.created_by_ref, ...((o.object_marking_refs as string[]) ?? [])]),
  );
  return objects.filter((o) => out.has(o.id) || FRAME.has(o.type) || referred.has(o.id));
}
