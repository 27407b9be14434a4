import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StageError } from '@stixmill/contracts';
import { afterAll, describe, expect, test } from 'vitest';
import { type BlobStore, createDirectoryBlobStore, createMemoryBlobStore } from './index.ts';

// One contract, run over every implementation: the in-memory twin must behave like the real one.
const temporaryDirs: string[] = [];
afterAll(async () => {
  await Promise.all(temporaryDirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'stixmill-blobs-'));
  temporaryDirs.push(dir);
  return dir;
}

const implementations: { name: string; make: () => Promise<BlobStore> }[] = [
  { name: 'memory', make: async () => createMemoryBlobStore() },
  { name: 'directory', make: async () => createDirectoryBlobStore(await freshDir()) },
];

function errorOf(promise: Promise<unknown>): Promise<StageError> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => {
      expect(e).toBeInstanceOf(StageError);
      return e as StageError;
    },
  );
}

describe.each(implementations)('BlobStore contract: $name', ({ make }) => {
  test('put returns the sha256 ref and get returns the same bytes', async () => {
    const store = await make();
    const bytes = new TextEncoder().encode('Lazarus Group stole $1.5B from Bybit');
    const ref = await store.put(bytes);
    expect(ref).toBe(`sha256:${createHash('sha256').update(bytes).digest('hex')}`);
    expect(Buffer.from(await store.get(ref)).toString()).toBe('Lazarus Group stole $1.5B from Bybit');
  });

  test('same content, same ref; put is idempotent', async () => {
    const store = await make();
    const a = await store.put(new Uint8Array([1, 2, 3]));
    const b = await store.put(new Uint8Array([1, 2, 3]));
    expect(a).toBe(b);
    expect([...(await store.get(a))]).toEqual([1, 2, 3]);
  });

  test('an empty blob and a 3 MiB blob round-trip', async () => {
    const store = await make();
    expect((await store.get(await store.put(new Uint8Array()))).length).toBe(0);
    const big = new Uint8Array(3 * 1024 * 1024).map((_, i) => i % 251);
    const back = await store.get(await store.put(big));
    expect(back.length).toBe(big.length);
    expect(Buffer.compare(Buffer.from(back), Buffer.from(big))).toBe(0);
  });

  test('mutating the caller buffer after put does not change the stored blob', async () => {
    const store = await make();
    const bytes = new Uint8Array([9, 9, 9]);
    const ref = await store.put(bytes);
    bytes[0] = 0;
    expect([...(await store.get(ref))]).toEqual([9, 9, 9]);
  });

  test('an unknown ref is store_failed and not retryable', async () => {
    const store = await make();
    const error = await errorOf(store.get(`sha256:${'0'.repeat(64)}`));
    expect(error.code).toBe('store_failed');
    expect(error.retryable).toBe(false);
  });

  test.each([
    '../../etc/passwd',
    `sha256:../${'a'.repeat(61)}`,
    `sha256:${'a'.repeat(63)}/`,
    `sha256:${'A'.repeat(64)}`,
    `sha256:${'a'.repeat(64)}\u0000`,
    `sha256:${'a'.repeat(64)}/../x`,
    `md5:${'a'.repeat(32)}`,
    '',
  ])('a malformed ref %j is refused before any lookup', async (ref) => {
    const store = await make();
    const error = await errorOf(store.get(ref));
    expect(error.code).toBe('invalid_message');
  });
});

test('the directory store fans files out by the first two hex digits and leaves no temporary files', async () => {
  const dir = await freshDir();
  const store = createDirectoryBlobStore(dir);
  const ref = await store.put(new TextEncoder().encode('hello'));
  const hex = ref.slice('sha256:'.length);
  expect(await readdir(dir)).toEqual([hex.slice(0, 2)]);
  expect(await readdir(join(dir, hex.slice(0, 2)))).toEqual([hex]);
  // A second store over the same folder (another process) reads it.
  expect(Buffer.from(await createDirectoryBlobStore(dir).get(ref)).toString()).toBe('hello');
});
