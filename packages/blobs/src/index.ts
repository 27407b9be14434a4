export { type BlobStore, blobRef, parseBlobRef } from './blob-store.ts';
export { createDirectoryBlobStore } from './directory.ts';
export { createMemoryBlobStore } from './memory.ts';
