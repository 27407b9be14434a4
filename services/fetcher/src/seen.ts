import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ReportId, StageError } from '@stixmill/contracts';

// The fetcher's memory of documents it has handed on: the sha256 of a body, and the report that
// carried it. A second report with the same bytes is a duplicate of that one (unless a re-run
// is asked for); a page that changed has a new hash and is processed again.

export interface Seen {
  /** The report that last carried a body with this sha256 (hex), if any. */
  check(sha256: string): Promise<string | undefined>;
  /** Remember that `reportId` carried this body; a later report replaces an earlier one. */
  remember(sha256: string, reportId: string): Promise<void>;
}

const SHA256 = /^[0-9a-f]{64}$/;

function checked(sha256: string): string {
  if (!SHA256.test(sha256)) throw new StageError('internal', `not a sha256 hex digest: ${sha256.slice(0, 80)}`);
  return sha256;
}

/** In this process only: the embedded mode's twin and the tests'. */
export function createMemorySeen(): Seen {
  const reports = new Map<string, string>();
  return {
    async check(sha256) {
      return reports.get(checked(sha256));
    },
    async remember(sha256, reportId) {
      reports.set(checked(sha256), reportId);
    },
  };
}

/**
 * One small file per hash under `dir` (`ab/abcdef...`, like the blob store), holding the report
 * id. Scaled fetchers share it the way they share the blob directory: the same volume. The path
 * comes only from the validated hex digest. Written to a temporary name and renamed, so a
 * reader never sees half an id.
 */
export function createDirectorySeen(dir: string): Seen {
  const pathOf = (sha256: string) => join(dir, sha256.slice(0, 2), sha256);
  return {
    async check(sha256) {
      const path = pathOf(checked(sha256));
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (cause) {
        if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw new StageError('store_failed', `could not read ${dir}: ${(cause as Error).message}`, { cause });
      }
      // Anything but a report id (a file someone edited) counts as not seen: better processed twice.
      const reportId = text.trim();
      return ReportId.safeParse(reportId).success ? reportId : undefined;
    },
    async remember(sha256, reportId) {
      const path = pathOf(checked(sha256));
      const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await mkdir(join(dir, sha256.slice(0, 2)), { recursive: true });
        await writeFile(temporary, `${reportId}\n`);
        await rename(temporary, path);
      } catch (cause) {
        await rm(temporary, { force: true }).catch(() => {});
        throw new StageError('store_failed', `could not write under ${dir}: ${(cause as Error).message}`, { cause });
      }
    },
  };
}
