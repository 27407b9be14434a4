import type { ReportStage } from '@stixmill/contracts';

// How far along a report is. Messages arrive at least once and not always in order (a parser
// redelivery can land after the exporter finished), so a stage is recorded only if it moves the
// report forward.
const RANK = {
  submitted: 0,
  fetched: 1,
  parsed: 2,
  extracted: 3,
  exported: 4,
  stored: 5,
  failed: 5,
  duplicate: 5,
} as const satisfies Record<ReportStage, number>;

/**
 * Whether a report at `current` may move to `next`. `stored`, `failed` and `duplicate` are final,
 * except that a failed report replayed from its dead-letter topic may still complete (`stored`).
 * A duplicate never moves: nothing of it went past the stage that found the earlier report.
 */
export function movesForward(current: ReportStage | undefined, next: ReportStage): boolean {
  if (current === undefined) return true;
  if (current === 'duplicate') return false;
  if (current === 'failed') return next === 'stored';
  return RANK[next] > RANK[current];
}
