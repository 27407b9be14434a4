import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { REPORT_STAGES, type ReportStage, StageError, type Tlp } from '@stixmill/contracts';
import type { Config } from '@stixmill/runtime';

// `stixmill submit`: hand a report to a running instance and follow it stage by stage until
// its bundle is in the feed (exit 0), it turns out to be a duplicate of an earlier report (exit 0:
// an answer, not a failure; `--rerun` processes it anyway) or a stage fails (exit 1, with the
// stage and the reason).

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.htm': 'text/html',
  '.txt': 'text/plain',
  '.md': 'text/markdown',
  '.pdf': 'application/pdf',
  '.json': 'application/json',
  '.xml': 'application/xml',
};

interface ReportView {
  id: string;
  stage: ReportStage;
  error?: { code: string; message: string; stage?: string };
  duplicateOf?: string;
  counts?: Record<string, number>;
  /** When the report first reached each stage. */
  stages?: Partial<Record<ReportStage, string>>;
  /** Absent while the review gate holds the report. */
  published?: { at: string; by: string };
}

/** What a refusing server may answer: the report API's `{error: {code, message}}`, a TAXII error, or older shapes. */
export interface RefusalBody {
  error?: string | { code?: string; message?: string };
  message?: string;
  title?: string;
  description?: string;
}

/** The server's reason for refusing a report, in one line ("unsupported_media_type: send JSON ..."). */
export function refusalReason(body: RefusalBody): string {
  const { error } = body;
  if (error !== undefined && typeof error === 'object') {
    const parts = [error.code, error.message].filter((p): p is string => typeof p === 'string' && p !== '');
    if (parts.length > 0) return parts.join(': ');
  }
  if (typeof error === 'string' && error !== '') return body.message ? `${error}: ${body.message}` : error;
  return body.message ?? body.description ?? body.title ?? 'no reason given';
}

export async function submitCommand(
  arg: string,
  options: { config: Config; server: string; labels: string[]; timeoutSeconds: number; tlp?: Tlp; rerun?: boolean },
): Promise<number> {
  const server = options.server.replace(/\/+$/, '');
  const tlp = options.tlp ?? options.config.STIXMILL_DEFAULT_TLP;
  const token = options.config.STIXMILL_API_TOKEN;
  const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  let response: Response;
  try {
    if (/^https?:\/\//i.test(arg)) {
      response = await fetch(`${server}/api/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth },
        body: JSON.stringify({ url: arg, tlp, labels: options.labels, ...(options.rerun ? { rerun: true } : {}) }),
      });
    } else {
      const bytes = await readFile(arg).catch((cause: NodeJS.ErrnoException) => {
        throw new StageError('unreachable', `cannot read ${arg}: ${cause.code ?? cause.message}`);
      });
      const query = new URLSearchParams({ filename: basename(arg), tlp });
      for (const label of options.labels) query.append('label', label);
      if (options.rerun) query.set('rerun', 'true');
      response = await fetch(`${server}/api/reports?${query}`, {
        method: 'POST',
        headers: { 'content-type': CONTENT_TYPES[extname(arg).toLowerCase()] ?? 'application/octet-stream', ...auth },
        body: bytes,
      });
    }
  } catch (cause) {
    if (cause instanceof StageError) throw cause;
    throw new StageError(
      'unreachable',
      `no stixmill at ${server} (${(cause as Error).cause ?? cause}); start one with \`stixmill run\``,
    );
  }
  const accepted = (await response.json().catch(() => ({}))) as { reportId?: string } & RefusalBody;
  if (response.status === 401 || response.status === 403) {
    process.stderr.write(
      `stixmill: ${server} refused the report (${response.status}): set STIXMILL_API_TOKEN to a token it accepts (STIXMILL_TAXII_TOKENS) with write access\n`,
    );
    return 1;
  }
  if (!response.ok || !accepted.reportId) {
    process.stderr.write(`stixmill: the server refused the report (${response.status}): ${refusalReason(accepted)}\n`);
    return 1;
  }
  const reportId = accepted.reportId;
  process.stderr.write(`submitted ${arg} as ${reportId}\n`);

  const deadline = Date.now() + options.timeoutSeconds * 1000;
  let last: ReportStage | undefined;
  const shown = new Set<ReportStage>();
  while (Date.now() < deadline) {
    const view = await fetch(`${server}/api/reports/${reportId}`, { headers: auth }).then((r) =>
      r.ok ? (r.json() as Promise<ReportView>) : undefined,
    );
    if (view) {
      last = view.stage;
      // Polls can miss a fast stage: show every stage the report passed, in order.
      const reached = REPORT_STAGES.filter((s) => view.stages?.[s] !== undefined || s === view.stage);
      for (const stage of reached) {
        if (shown.has(stage)) continue;
        shown.add(stage);
        const step = stage === 'failed' ? 'x' : stage === 'duplicate' ? '=' : `${REPORT_STAGES.indexOf(stage) + 1}/6`;
        process.stderr.write(`  [${step}] ${stage}${view.stages?.[stage] ? `  ${view.stages[stage]}` : ''}\n`);
      }
    }
    if (view?.stage === 'failed') {
      const error = view.error;
      process.stderr.write(
        `stixmill: ${reportId} failed at ${error?.stage ?? 'an unknown stage'}: ${error?.code}: ${error?.message}\n`,
      );
      return 1;
    }
    if (view?.stage === 'duplicate') {
      const earlier = view.duplicateOf;
      const earlierView = earlier
        ? await fetch(`${server}/api/reports/${encodeURIComponent(earlier)}`, { headers: auth })
            .then((r) => (r.ok ? (r.json() as Promise<ReportView>) : undefined))
            .catch(() => undefined)
        : undefined;
      process.stdout.write(`${JSON.stringify({ reportId, stage: view.stage, duplicateOf: earlier ?? null })}\n`);
      process.stderr.write(
        `duplicate: ${arg} is the same document as ${earlier ?? 'an earlier report'}` +
          `${earlierView ? ` (${earlierView.stage})` : ''}; nothing new to process. Use --rerun to process it again.\n`,
      );
      return 0;
    }
    if (view?.stage === 'stored') {
      const objects = view.counts?.objects;
      const held = view.published === undefined;
      process.stdout.write(
        `${JSON.stringify({ reportId, stage: view.stage, counts: view.counts ?? {}, published: view.published ?? null })}\n`,
      );
      process.stderr.write(
        held
          ? `done: ${objects ?? 'the'} STIX objects wait for review; publish them with POST ${server}/api/reports/${encodeURIComponent(reportId)}/publish\n`
          : `done: ${objects ?? 'the'} STIX objects are in the feed at ${server}/taxii2/\n`,
      );
      return 0;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  process.stderr.write(`stixmill: ${reportId} still at ${last ?? 'submitted'} after ${options.timeoutSeconds}s\n`);
  return 1;
}
