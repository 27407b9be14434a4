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
  await store.markPublished(p.reportId, p.by);
  return result;
}
