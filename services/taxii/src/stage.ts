import { type Payload, type Stage, StageError } from '@stixmill/contracts';
import {
  DEFAULT_COLLECTION_ID,
  InvalidFilterError,
  isPermanentStoreError,
  type StixObject,
  type Store,
  TLP_COLLECTIONS,
  UnknownCollectionError,
} from '@stixmill/store';
import { tlpOf } from './tlp.ts';

export interface TaxiiStageDeps {
  store: Store;
  /** Which collection a bundle goes to (default: the default collection). */
  collectionFor?: (payload: Payload<'stix.bundles'>) => string;
  /** Also put each object in the collection of its TLP level (default true). */
  tlpCollections?: boolean;
}

/** Objects grouped by the TLP collection they belong in, in bundle order. */
function byTlpCollection(objects: readonly StixObject[], payload: Payload<'stix.bundles'>): Map<string, StixObject[]> {
  const groups = new Map<string, StixObject[]>();
  for (const object of objects) {
    const id = TLP_COLLECTIONS[tlpOf(object, payload.context.tlp)].id;
    groups.set(id, [...(groups.get(id) ?? []), object]);
  }
  return groups;
}

/**
 * The sink of the pipeline: stores each object of a bundle in its collection (TAXII serves
 * objects, never bundles), and in the collection of its TLP level, then marks the report
 * `stored`. Storing is idempotent, so a redelivered bundle adds nothing.
 */
export function createTaxiiStage(deps: TaxiiStageDeps): Stage<'stix.bundles', null> {
  return {
    name: 'taxii',
    from: 'stix.bundles',
    to: null,
    async handle(payload, ctx) {
      const collectionId = deps.collectionFor?.(payload) ?? DEFAULT_COLLECTION_ID;
      const objects = payload.bundle.objects.filter((o) => o.type !== 'bundle') as StixObject[];
      try {
        const result = await deps.store.putObjects(collectionId, objects, { reportId: ctx.reportId });
        if (deps.tlpCollections !== false) {
          for (const [tlpCollection, group] of byTlpCollection(objects, payload))
            await deps.store.putObjects(tlpCollection, group, { reportId: ctx.reportId });
        }
        await deps.store.recordStage(ctx.reportId, 'stored', {
          source: payload.meta.source,
          counts: { objects: objects.length, objectsAdded: result.added },
        });
        ctx.log.info({ collectionId, ...result }, 'bundle stored');
        return undefined;
      } catch (error) {
        if (error instanceof InvalidFilterError)
          throw new StageError('invalid_message', error.message, { cause: error });
        if (error instanceof UnknownCollectionError) {
          throw new StageError('store_failed', error.message, { cause: error, retryable: false });
        }
        // A refused value (a NUL in jsonb) is refused again on every retry: dead-letter it now.
        throw new StageError(
          'store_failed',
          `could not store the bundle: ${String((error as Error)?.message ?? error)}`,
          { cause: error, retryable: !isPermanentStoreError(error) },
        );
      }
    },
  };
}
