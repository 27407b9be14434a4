import { type Payload, type Stage, StageError } from '@stixmill/contracts';
import {
  DEFAULT_COLLECTION_ID,
  InvalidFilterError,
  type StixObject,
  type Store,
  UnknownCollectionError,
} from '@stixmill/store';

export interface TaxiiStageDeps {
  store: Store;
  /** Which collection a bundle goes to (default: the default collection). */
  collectionFor?: (payload: Payload<'stix.bundles'>) => string;
}

/**
 * The sink of the pipeline: stores each object of a bundle in its collection (TAXII serves
 * objects, never bundles) and marks the report `stored`. Storing is idempotent, so a redelivered
 * bundle adds nothing.
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
        throw new StageError(
          'store_failed',
          `could not store the bundle: ${String((error as Error)?.message ?? error)}`,
          {
            cause: error,
          },
        );
      }
    },
  };
}
