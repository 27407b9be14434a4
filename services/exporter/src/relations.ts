import type { DocumentMeta, Relation } from '@stixmill/contracts';
import { type Evidence, isSpecRelationship, relationshipId } from '@stixmill/stix';
import { toEvidence } from './evidence.ts';

// Relations the text states -> STIX relationships, only where a relation was found. A relation
// STIX 2.1 does not define between the two types becomes `related-to` (always allowed, §5.1.1)
// with the stated verb kept in the description, rather than a relationship the spec would
// read differently.

/** What a finding id resolved to: the STIX object, and the indicator for an observable. */
export interface Resolved {
  id: string;
  type: string;
  indicatorId?: string;
}

export interface PlannedRelationship {
  type: string;
  source: string;
  target: string;
  description?: string;
  evidence: Evidence[];
  confidence: number;
}

export interface RelationSkip {
  relation: { type: string; source: string; target: string };
  reason: string;
}

export function planRelationships(
  relations: readonly Relation[],
  resolved: ReadonlyMap<string, Resolved>,
  meta: DocumentMeta,
  skip: (s: RelationSkip) => void,
): PlannedRelationship[] {
  const planned = new Map<string, PlannedRelationship>();
  for (const relation of relations) {
    const stated = { type: relation.type, source: relation.source, target: relation.target };
    const from = resolved.get(relation.source);
    const to = resolved.get(relation.target);
    if (!from || !to) {
      skip({ relation: stated, reason: `no STIX object for finding ${from ? relation.target : relation.source}` });
      continue;
    }
    // "An indicator indicates ...": for an observable, the relation starts at its indicator.
    const useIndicator = relation.type === 'indicates' && from.indicatorId !== undefined;
    const source = useIndicator ? { id: from.indicatorId as string, type: 'indicator' } : from;
    if (source.id === to.id) {
      skip({ relation: stated, reason: 'source and target are the same object' });
      continue;
    }
    const defined = isSpecRelationship(source.type, relation.type, to.type);
    const type = defined ? relation.type : 'related-to';
    const sentence = relation.evidence.sentence.trim();
    const description = defined ? sentence : `Stated as "${relation.type}"${sentence ? `: ${sentence}` : '.'}`;
    const id = relationshipId(type, source.id, to.id);
    const evidence = toEvidence(meta, [relation.evidence]);
    const existing = planned.get(id);
    if (existing) {
      for (const e of evidence)
        if (!existing.evidence.some((x) => x.sentence === e.sentence && x.start === e.start)) existing.evidence.push(e);
      existing.confidence = Math.max(existing.confidence, relation.confidence);
      continue;
    }
    planned.set(id, {
      type,
      source: source.id,
      target: to.id,
      ...(description ? { description } : {}),
      evidence,
      confidence: relation.confidence,
    });
  }
  return [...planned.values()];
}
