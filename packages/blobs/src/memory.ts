import { type BlobStore, blobNotFound, blobRef, parseBlobRef } from './blob-store.ts';

/** The in-memory twin: for the embedded mode and tests. Holds copies, so callers may reuse buffers. */
export function createMemoryBlobStore(): BlobStore {
  const blobs = new Map<string, Uint8Array>();
  return {
    async put(bytes) {
      const ref = blobRef(bytes);
      if (!blobs.has(ref)) blobs.set(ref, Uint8Array.from(bytes));
      return ref;
    },
    async get(ref) {
      parseBlobRef(ref);
      const bytes = blobs.get(ref);
      if (!bytes) throw blobNotFound(ref);
      return Uint8Array.from(bytes);
    },
  };
}
