import { type Payload, type Stage, StageError } from '@stixmill/contracts';
import {
  DEFAULT_COLLECTION_ID,
  InvalidFilterError,
  isPermanentStoreError,
  type StixObject,
  type Store,
  UnknownCollectionError,
} from '@stixmill/store';
import { bundleObjects, confidentPart, publish } from './publish.ts';

export interface TaxiiStageDeps {
  store: Store;
  /** Which collection a bundle goes to (default: the default collection). */
  collectionFor?: (payload: Payload<'stix.bundles'>) => string;
  /** Also put each object in the collection of its TLP level (default true). */
  tlpCollections?: boolean;
  /**
   * The review gate (STIXMILL_REVIEW): `auto` publishes every bundle at once; `review` keeps it
   * with its report until an analyst publishes it, so nothing reaches the collections before;
   * `threshold:N` lets findings at confidence N or above out at once and keeps the rest.
   */
  review?: ReviewMode;
}

export type ReviewMode = 'auto' | 'review' | `threshold:${number}`;

/** The confidence a `threshold:N` mode lets out early, if that is the mode. */
const thresholdOf = (mode: ReviewMode | undefined) => {
  const n = /^threshold:(\d{1,3})$/.exec(mode ?? '')?.[1];
  return n === undefined ? undefined : Number(n);
};

/**
 * The sink of the pipeline: keeps each report's bundle, and publishes its objects (TAXII serves
 * objects, never bundles) into the default collection and the collection of each object's TLP
 * level, unless the review gate holds them for an analyst; then marks the report `stored`.
 * Storing is idempotent, so a redelivered bundle adds nothing.
 */
export function createTaxiiStage(deps: TaxiiStageDeps): Stage<'stix.bundles', null> {
  const threshold = thresholdOf(deps.review);
  const held = deps.review === 'review';
  return {
    name: 'taxii',
    from: 'stix.bundles',
    to: null,
    async handle(payload, ctx) {
      const collectionId = deps.collectionFor?.(payload) ?? DEFAULT_COLLECTION_ID;
      const objects = bundleObjects(payload.bundle);
      try {
        await deps.store.putReportBundle(ctx.reportId, payload.bundle as StixObject);
        const part = threshold === undefined ? objects : confidentPart(objects, threshold);
        const result = held
          ? undefined
          : await publish(deps.store, {
              reportId: ctx.reportId,
              objects: part,
              tlp: payload.context.tlp,
              by: 'auto',
              collectionId,
              complete: threshold === undefined,
              ...(deps.tlpCollections === undefined ? {} : { tlpCollections: deps.tlpCollections }),
            });
        await deps.store.recordStage(ctx.reportId, 'stored', {
          source: payload.meta.source,
          counts: { objects: objects.length, objectsAdded: result?.added ?? 0 },
        });
        if (result) ctx.log.info({ collectionId, ...result }, 'bundle stored');
        else ctx.log.info({ objects: objects.length }, 'bundle kept for review');
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
