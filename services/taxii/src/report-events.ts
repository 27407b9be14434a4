import type { Tlp } from '@stixmill/contracts';
import { type ReportRecord, type Store, toMicros } from '@stixmill/store';

// The live list of reports behind the console's watch view: one poller per process reads the
// reports changed since its last look and hands each change to every open stream whose reader is
// cleared for it. The browser keeps one server-sent-events connection and never polls; the
// store is read once a second, only while someone is watching, whatever the number of watchers.

export interface ReportWatcher {
  cleared: readonly Tlp[];
  send: (report: ReportRecord) => void;
}

export interface ReportEvents {
  subscribe(watcher: ReportWatcher): () => void;
  /** How many streams are open (for tests and metrics). */
  size(): number;
}

const POLL_MS = 1000;
/**
 * How far back each look reaches: a report's `updated` is its transaction's start, so a change
 * that committed late can carry a time older than one already seen.
 */
const LOOKBACK_US = 5_000_000;

export function createReportEvents(store: Store, onError: (error: unknown) => void = () => {}): ReportEvents {
  const watchers = new Set<ReportWatcher>();
  /** The `updated` last sent per report, within the lookback window. */
  const sent = new Map<string, number>();
  let cursor = Date.now() * 1000;
  let timer: NodeJS.Timeout | undefined;
  let polling = false;

  async function look(): Promise<void> {
    if (polling) return;
    polling = true;
    try {
      const changed = await store.reportsChangedAfter(cursor - LOOKBACK_US, { limit: 500 });
      for (const report of changed) {
        const at = toMicros(report.updated) ?? 0;
        if (sent.get(report.id) === at) continue;
        sent.set(report.id, at);
        cursor = Math.max(cursor, at);
        for (const w of watchers) if (w.cleared.includes(report.tlp)) w.send(report);
      }
      for (const [id, at] of sent) if (at < cursor - 2 * LOOKBACK_US) sent.delete(id);
    } catch (error) {
      onError(error);
    } finally {
      polling = false;
    }
  }

  return {
    subscribe(watcher) {
      watchers.add(watcher);
      if (!timer) {
        timer = setInterval(() => void look(), POLL_MS);
        timer.unref();
      }
      return () => {
        watchers.delete(watcher);
        if (watchers.size === 0 && timer) {
          clearInterval(timer);
          timer = undefined;
        }
      };
    },
    size: () => watchers.size,
  };
}
