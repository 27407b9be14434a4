import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StageError } from '@stixmill/contracts';
import { type BlobStore, blobNotFound, blobRef, parseBlobRef } from './blob-store.ts';

/**
 * Blobs as files under `dir`, fanned out by the first two hex digits (`ab/abcdef...`) so no
 * folder grows huge. The path comes only from the validated hex digest, never from the raw ref.
 * A shared volume makes it work across processes on one host.
 */
export function createDirectoryBlobStore(dir: string): BlobStore {
  const pathOf = (hex: string) => join(dir, hex.slice(0, 2), hex);
  return {
    async put(bytes) {
      const ref = blobRef(bytes);
      const hex = parseBlobRef(ref);
      const path = pathOf(hex);
      try {
        await mkdir(join(dir, hex.slice(0, 2)), { recursive: true });
        // Write to a temporary name and rename: a reader never sees a half-written blob, and two
        // writers of the same content both end with the same complete file.
        const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
        await writeFile(temporary, bytes);
        await rename(temporary, path).catch(async (error: unknown) => {
          await rm(temporary, { force: true });
          throw error;
        });
      } catch (cause) {
        throw new StageError('store_failed', `could not write blob ${ref} under ${dir}: ${(cause as Error).message}`, {
          cause,
        });
      }
      return ref;
    },
    async get(ref) {
      const hex = parseBlobRef(ref);
      try {
        return new Uint8Array(await readFile(pathOf(hex)));
      } catch (cause) {
        if ((cause as NodeJS.ErrnoException).code === 'ENOENT') throw blobNotFound(ref, cause);
        throw new StageError('store_failed', `could not read blob ${ref}: ${(cause as Error).message}`, { cause });
      }
    },
  };
}
