import { randomUUID } from 'node:crypto';
import type { Finding, Payload } from '@stixmill/contracts';
import {
  type Bundle,
  buildBundle,
  buildIndicator,
  buildRelationship,
  buildReport,
  buildSdo,
  EVIDENCE_EXTENSION,
  type Evidence,
  type ExtensionDefinition,
  type ExternalReference,
  indicatorId,
  normaliseName,
  PHONE_EXTENSION,
  producerIdentity,
  type Sco,
  type SdoProperties,
  STIXMILL_IDENTITY,
  sdoId,
  TLP_MARKINGS,
  TLP2_EXTENSION_DEFINITION,
  WALLET_EXTENSION,
} from '@stixmill/stix';
import { ENTITY_MAPPERS, type EntitySdoType, type EntitySpec } from './entities.ts';
import { documentReference, documentSource, evidenceReference, toEvidence } from './evidence.ts';
import { isMappedObservable, type Marking, OBSERVABLE_MAPPERS } from './observables.ts';
import { planRelationships, type Resolved } from './relations.ts';

// findings.extracted -> one STIX 2.1 bundle per report. Pure: the clock and the bundle id come
// in through the options, so the same payload gives the same objects (only created, modified
// and the bundle id differ between runs).

export const DEFAULT_PRODUCER_NAME = 'stixmill';

/** A finding or relation that could not become valid STIX, and why (the rest of the report still exports). */
export interface Skipped {
  findingId?: string;
  relation?: { type: string; source: string; target: string };
  reason: string;
}

export interface ToBundleOptions {
  /** created/modified of every new object, and valid_from/published when the document has no date. */
  now: Date;
  /** The name of the identity that signs the objects (created_by_ref); default `stixmill`. */
  producerName?: string;
  /** Default: a random `bundle--<uuid4>`. */
  bundleId?: string;
  onSkip?: (skipped: Skipped) => void;
}

/** Several findings (or relations) that become one STIX object pool their evidence and keep the highest confidence. */
interface Pooled {
  evidence: Evidence[];
  confidence: number;
  descriptions: string[];
}

function pool(into: Pooled | undefined, evidence: Evidence[], confidence: number, description?: string): Pooled {
  const pooled = into ?? { evidence: [], confidence, descriptions: [] };
  for (const e of evidence) {
    if (!pooled.evidence.some((p) => p.start === e.start && p.end === e.end && p.sentence === e.sentence))
      pooled.evidence.push(e);
  }
  pooled.confidence = Math.max(pooled.confidence, confidence);
  if (description && !pooled.descriptions.includes(description)) pooled.descriptions.push(description);
  return pooled;
}

function evidenceFields(
  meta: Payload<'findings.extracted'>['meta'],
  pooled: Pooled,
  references: ExternalReference[] = [],
) {
  return {
    confidence: pooled.confidence,
    external_references: [...references, evidenceReference(meta, pooled.evidence)],
    ...(pooled.evidence.length > 0 ? { x_stixmill_evidence: pooled.evidence } : {}),
  };
}

/** The description of an indicator: what the finding said about itself, else the sentences it was found in. */
function describe(pooled: Pooled, fallback: string): string {
  const text = pooled.descriptions[0] ?? pooled.evidence.map((e) => e.sentence).join(' … ');
  return (text || fallback).slice(0, 4000);
}

/** A second finding of the same object adds its names as aliases. */
function mergeAliases(into: EntitySpec, from: EntitySpec): void {
  const aliases = (into.fields.aliases as string[] | undefined) ?? [];
  const known = new Set([into.fields.name, ...aliases].map((a) => normaliseName(String(a))));
  for (const name of [from.fields.name, ...((from.fields.aliases as string[] | undefined) ?? [])]) {
    if (typeof name === 'string' && !known.has(normaliseName(name))) {
      known.add(normaliseName(name));
      aliases.push(name);
    }
  }
  if (aliases.length > 0 && into.type !== 'identity' && into.type !== 'location' && into.type !== 'vulnerability') {
    into.fields.aliases = aliases;
  }
}

/** A threat actor is an individual if any of its findings is a person, whichever came first. */
function mergeIndividual(into: EntitySpec, from: EntitySpec): void {
  if (into.type !== 'threat-actor' || into.fields.resource_level !== undefined) return;
  if (from.fields.resource_level === undefined) return;
  into.fields.resource_level = from.fields.resource_level;
  into.fields.threat_actor_types ??= from.fields.threat_actor_types;
}

function timestamp(iso: string | undefined, fallback: string): string {
  return iso === undefined ? fallback : new Date(iso).toISOString();
}

export function toBundle(payload: Payload<'findings.extracted'>, options: ToBundleOptions): Bundle {
  const { meta, context } = payload;
  const now = options.now.toISOString();
  const skip = options.onSkip ?? (() => {});
  const producer = producerIdentity(options.producerName ?? DEFAULT_PRODUCER_NAME);
  const tlp = TLP_MARKINGS[context.tlp];
  const marking: Marking = { object_marking_refs: [tlp.id] };
  const signed = { created_by_ref: producer.id, created: now, modified: now, ...marking };
  const validFrom = timestamp(meta.published, now);

  const resolved = new Map<string, Resolved>();
  const scos = new Map<string, Sco>();
  const indicators = new Map<string, { pattern: string; name: string; sco: string; pooled: Pooled }>();
  const entities = new Map<string, { spec: EntitySpec; finding: Finding; pooled: Pooled }>();

  for (const finding of payload.findings) {
    const evidence = toEvidence(meta, finding.evidence);
    try {
      if (isMappedObservable(finding.type)) {
        const mapped = OBSERVABLE_MAPPERS[finding.type](finding, marking);
        if (!scos.has(mapped.sco.id)) scos.set(mapped.sco.id, mapped.sco);
        const key = mapped.pattern;
        const existing = indicators.get(key);
        indicators.set(key, {
          pattern: mapped.pattern,
          name: existing?.name ?? `${mapped.label}: ${finding.value}`.slice(0, 250),
          sco: mapped.sco.id,
          pooled: pool(existing?.pooled, evidence, finding.confidence, finding.description),
        });
        resolved.set(finding.id, {
          id: mapped.sco.id,
          type: mapped.sco.type,
          indicatorId: indicatorId(mapped.pattern, producer.id),
        });
      } else {
        const spec = ENTITY_MAPPERS[finding.type as EntitySdoType](finding);
        const id = sdoId(spec.type, spec.key, producer.id);
        const existing = entities.get(id);
        if (existing) {
          mergeAliases(existing.spec, spec);
          mergeIndividual(existing.spec, spec);
        }
        entities.set(id, {
          spec: existing?.spec ?? spec,
          finding: existing?.finding ?? finding,
          pooled: pool(existing?.pooled, evidence, finding.confidence, finding.description),
        });
        resolved.set(finding.id, { id, type: spec.type });
      }
    } catch (error) {
      skip({ findingId: finding.id, reason: (error as Error).message });
    }
  }

  const objects: unknown[] = [];
  const add = (o: { id: string }) => {
    objects.push(o);
    return o.id;
  };

  const built: string[] = [];
  for (const sco of scos.values()) built.push(add(sco));
  for (const indicator of indicators.values()) {
    const made = buildIndicator({
      ...signed,
      name: indicator.name,
      description: describe(indicator.pooled, `Found in ${documentSource(meta)}.`),
      pattern: indicator.pattern,
      valid_from: validFrom,
      ...evidenceFields(meta, indicator.pooled),
    });
    built.push(add(made));
    const basedOn = buildRelationship({
      ...signed,
      relationship_type: 'based-on',
      source_ref: made.id,
      target_ref: indicator.sco,
      confidence: indicator.pooled.confidence,
    });
    built.push(add(basedOn));
  }
  for (const [id, { spec, pooled }] of entities) {
    const description = [...pooled.descriptions, spec.fields.description].filter(
      (d): d is string => typeof d === 'string',
    );
    const properties = {
      ...signed,
      id,
      ...spec.fields,
      ...(description.length > 0 ? { description: description.join('\n\n') } : {}),
      ...evidenceFields(meta, pooled, spec.references),
    };
    // The schema behind buildSdo checks these properties; the mapper's record is not typed per SDO.
    built.push(add(buildSdo(spec.type, properties as SdoProperties<typeof spec.type> as never)));
  }
  for (const relationship of planRelationships(payload.relations, resolved, meta, skip)) {
    built.push(
      add(
        buildRelationship({
          ...signed,
          relationship_type: relationship.type,
          source_ref: relationship.source,
          target_ref: relationship.target,
          ...(relationship.description ? { description: relationship.description } : {}),
          ...evidenceFields(meta, {
            evidence: relationship.evidence,
            confidence: relationship.confidence,
            descriptions: [],
          }),
        }),
      ),
    );
  }

  const report = buildReport(
    {
      ...signed,
      name: (meta.title ?? meta.source).trim() || meta.source,
      report_types: ['threat-report'],
      published: validFrom,
      object_refs: [producer.id, ...new Set(built)],
      external_references: [documentReference(meta)],
      ...(context.labels.length > 0 ? { labels: context.labels } : {}),
    },
    { source: documentSource(meta), sha256: meta.sha256 },
  );

  const used = (type: string) => [...scos.values()].some((s) => s.type === type);
  const extensions: ExtensionDefinition[] = [
    ...(used('cryptocurrency-wallet') ? [WALLET_EXTENSION] : []),
    ...(used('phone-number') ? [PHONE_EXTENSION] : []),
    EVIDENCE_EXTENSION,
  ];
  const metaObjects = [
    tlp,
    ...(tlp.id === TLP_MARKINGS.clear.id ? [] : [TLP_MARKINGS.clear]),
    TLP2_EXTENSION_DEFINITION,
    STIXMILL_IDENTITY,
    ...(producer.id === STIXMILL_IDENTITY.id ? [] : [producer]),
    ...extensions,
  ];
  return buildBundle(options.bundleId ?? `bundle--${randomUUID()}`, [...metaObjects, report, ...objects]);
}
