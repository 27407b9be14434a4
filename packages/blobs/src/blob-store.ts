import { createHash } from 'node:crypto';
import { StageError } from '@stixmill/contracts';

// The claim-check port: a stage puts a large body here and sends only its reference on the bus.

/** Content-addressed bytes: the same bytes always get the same ref, `sha256:<64 hex>`. */
export interface BlobStore {
  /** Stores the bytes (idempotent) and returns their ref. */
  put(bytes: Uint8Array): Promise<string>;
  /** The bytes of a ref; throws StageError('store_failed', not retryable) when there are none. */
  get(ref: string): Promise<Uint8Array>;
}

const REF_PATTERN = /^sha256:([0-9a-f]{64})$/;

export function blobRef(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/**
 * The hex digest of a well-formed ref. Anything else is refused here, before any lookup, so a
 * ref from a message can never name a path outside the store (`../`, `/`, NUL, upper case ...).
 */
export function parseBlobRef(ref: string): string {
  const match = REF_PATTERN.exec(ref);
  if (!match?.[1]) {
    throw new StageError('invalid_message', `not a blob reference: ${JSON.stringify(ref.slice(0, 100))}`);
  }
  return match[1];
}

export function blobNotFound(ref: string, cause?: unknown): StageError {
  // Not retryable: a blob that is not there now will not appear by itself.
  return new StageError('store_failed', `blob ${ref} is not in the store`, {
    retryable: false,
    ...(cause === undefined ? {} : { cause }),
  });
}
