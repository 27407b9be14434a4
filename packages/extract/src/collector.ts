// Gathers findings as the extractors report them: one finding per type and value, with every
// place it was seen as evidence (up to the contract's 50), and relations between them.
import type { Dropped, Evidence, Finding, FindingType, Relation, RelationType } from '@stixmill/contracts';
import type { TextView } from './text/view.ts';

export interface AddOptions {
  aliases?: readonly string[];
  props?: Readonly<Record<string, string>>;
  description?: string;
  confidence?: number;
  /** Why this mention counts: the rule that found it and the features that decided it. */
  reasons?: readonly string[];
}

export interface Collector {
  add(type: FindingType, value: string, start: number, end: number, options?: AddOptions): string;
  has(id: string): boolean;
  get(id: string): Finding | undefined;
  relate(type: RelationType, source: string, target: string, start: number, end: number, confidence?: number): void;
  /** A candidate left out here, and why. It is reported as dropped only if no mention keeps it. */
  drop(type: FindingType, value: string, start: number, end: number, reasons: readonly string[]): void;
  findings(): Finding[];
  relations(): Relation[];
  /** Candidates no mention kept, each once, with the reasons of its first mention. */
  dropped(): Dropped[];
}

const MAX_DROPPED = 1000;
const MAX_REASONS = 16;

export const findingId = (type: FindingType, value: string) => `${type}:${value}`;

export function createCollector(view: TextView): Collector {
  const text = view.text;
  const byId = new Map<string, Finding>();
  // Each finding's aliases as a set too: a known actor brings up to 60 on every mention.
  const aliasSets = new Map<string, Set<string>>();
  const relations = new Map<string, Relation>();
  const dropped = new Map<string, Dropped>();
  const evidence = (start: number, end: number, reasons?: readonly string[]): Evidence => ({
    start,
    end,
    sentence: view.sentenceText(start, end) || text.slice(start, end),
    ...(reasons && reasons.length > 0 ? { reasons: [...new Set(reasons)].slice(0, MAX_REASONS) } : {}),
  });

  return {
    add(type, value, start, end, options = {}) {
      const id = findingId(type, value);
      const seen = byId.get(id);
      if (seen) {
        if (seen.evidence.length < 50 && !seen.evidence.some((e) => e.start === start))
          seen.evidence.push(evidence(start, end, options.reasons));
        const known = aliasSets.get(id) as Set<string>;
        for (const a of options.aliases ?? [])
          if (a !== seen.value && !known.has(a)) {
            known.add(a);
            seen.aliases.push(a);
          }
        seen.confidence = Math.max(seen.confidence, options.confidence ?? 0);
        return id;
      }
      const finding: Finding = {
        id,
        type,
        value,
        aliases: [...new Set((options.aliases ?? []).filter((a) => a !== value))],
        props: { ...(options.props ?? {}) },
        evidence: [evidence(start, end, options.reasons)],
        confidence: options.confidence ?? 80,
      };
      if (options.description) finding.description = options.description;
      byId.set(id, finding);
      aliasSets.set(id, new Set(finding.aliases));
      return id;
    },
    has: (id) => byId.has(id),
    get: (id) => byId.get(id),
    relate(type, source, target, start, end, confidence = 60) {
      if (source === target || !byId.has(source) || !byId.has(target)) return;
      const key = `${type}|${source}|${target}`;
      if (!relations.has(key)) relations.set(key, { type, source, target, evidence: evidence(start, end), confidence });
    },
    drop(type, value, start, end, reasons) {
      const id = findingId(type, value);
      if (dropped.has(id) || dropped.size >= MAX_DROPPED || reasons.length === 0) return;
      dropped.set(id, {
        type,
        value,
        reasons: [...new Set(reasons)].slice(0, MAX_REASONS),
        evidence: evidence(start, end),
      });
    },
    dropped: () => [...dropped.entries()].filter(([id]) => !byId.has(id)).map(([, d]) => d),
    findings: () =>
      [...byId.values()].sort(
        (a, b) => (a.evidence[0]?.start ?? 0) - (b.evidence[0]?.start ?? 0) || a.id.localeCompare(b.id),
      ),
    relations: () => [...relations.values()],
  };
}
