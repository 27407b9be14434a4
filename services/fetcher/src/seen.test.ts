import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { createDirectorySeen, createMemorySeen, type Seen } from './seen.ts';

// One contract over both implementations: the embedded twin behaves like the shared directory.
const temporaryDirs: string[] = [];
afterAll(async () => {
  await Promise.all(temporaryDirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'stixmill-seen-'));
  temporaryDirs.push(dir);
  return dir;
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

const implementations: { name: string; make: () => Promise<Seen> }[] = [
  { name: 'memory', make: async () => createMemorySeen() },
  { name: 'directory', make: async () => createDirectorySeen(await freshDir()) },
];

describe.each(implementations)('Seen contract: $name', ({ make }) => {
  test('an unknown hash was not seen', async () => {
    const seen = await make();
    expect(await seen.check(sha('never'))).toBeUndefined();
  });

  test('a remembered hash names its report; other hashes stay unseen', async () => {
    const seen = await make();
    await seen.remember(sha('advisory'), 'r-first-0001');
    expect(await seen.check(sha('advisory'))).toBe('r-first-0001');
    expect(await seen.check(sha('advisory, changed'))).toBeUndefined();
  });

  test('a later report replaces the earlier one (a re-run)', async () => {
    const seen = await make();
    await seen.remember(sha('advisory'), 'r-first-0001');
    await seen.remember(sha('advisory'), 'r-rerun-0002');
    expect(await seen.check(sha('advisory'))).toBe('r-rerun-0002');
  });

  test('concurrent remembers of one hash leave one of them, whole', async () => {
    const seen = await make();
    const ids = Array.from({ length: 8 }, (_, i) => `r-racer-000${i}`);
    await Promise.all(ids.map((id) => seen.remember(sha('raced'), id)));
    expect(ids).toContain(await seen.check(sha('raced')));
  });

  test.each([
    { label: 'a path', value: '../../etc/passwd' },
    { label: 'upper-case hex', value: sha('x').toUpperCase() },
    { label: 'too short', value: 'abc' },
  ])('refuses $label as a hash', async ({ value }) => {
    const seen = await make();
    await expect(seen.check(value)).rejects.toMatchObject({ code: 'internal' });
    await expect(seen.remember(value, 'r-first-0001')).rejects.toMatchObject({ code: 'internal' });
  });
});

describe('createDirectorySeen', () => {
  test('two instances on one directory share what they remember (scaled fetchers)', async () => {
    const dir = await freshDir();
    await createDirectorySeen(dir).remember(sha('shared'), 'r-shared-0001');
    expect(await createDirectorySeen(dir).check(sha('shared'))).toBe('r-shared-0001');
  });

  test('fans out by the first two hex digits and leaves no temporary files', async () => {
    const dir = await freshDir();
    const hash = sha('fan-out');
    await createDirectorySeen(dir).remember(hash, 'r-fanout-0001');
    expect(await readdir(join(dir, hash.slice(0, 2)))).toEqual([hash]);
    expect(await readFile(join(dir, hash.slice(0, 2), hash), 'utf8')).toBe('r-fanout-0001\n');
  });

  test('a file that holds no report id counts as not seen', async () => {
    const dir = await freshDir();
    const hash = sha('edited');
    const seen = createDirectorySeen(dir);
    await seen.remember(hash, 'r-edited-0001');
    await writeFile(join(dir, hash.slice(0, 2), hash), 'not a report id!\n');
    expect(await seen.check(hash)).toBeUndefined();
  });

  test('an unwritable directory is a retryable store_failed', async () => {
    const dir = await freshDir();
    const blocker = join(dir, 'file');
    await writeFile(blocker, 'x');
    const seen = createDirectorySeen(join(blocker, 'seen'));
    await expect(seen.remember(sha('x'), 'r-blocked-0001')).rejects.toMatchObject({
      code: 'store_failed',
      retryable: true,
    });
  });
});
