import { z } from 'zod';
import { DocumentMeta, ParsedDocument, ReportContext } from './document.ts';
import { ERROR_CODES } from './errors.ts';
import { Dropped, Finding, Relation } from './findings.ts';
import { type ReportStage, STAGE_OF_TOPIC, TOPICS, type Topic } from './topics.ts';

// The payload of every message on every topic, versioned. A breaking change is a new
// version beside the old one, never an edit of it.

/** A claim check: the bytes are in the blob store under `ref`, not in the message. */
export const BlobRef = z.object({
  kind: z.literal('blob'),
  ref: z.string().min(1).max(1000),
  size: z.number().int().nonnegative(),
});
export type BlobRef = z.infer<typeof BlobRef>;

/**
 * reports.submitted v1: API/CLI/feed poller -> fetcher. An uploaded document travels inline
 * while small; a larger one by claim check (`blob`: added to v1 for uploads that could never
 * fit a message, so no earlier reader was ever sent one).
 */
export const ReportSubmittedV1 = z.object({
  source: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('url'), url: z.url({ protocol: /^https?$/ }).max(8192) }),
    z.object({
      kind: z.literal('inline'),
      /** The document itself, base64; for files and stdin. */
      base64: z.base64(),
      contentType: z.string().max(200).optional(),
      filename: z.string().max(500).optional(),
    }),
    BlobRef.extend({
      contentType: z.string().max(200).optional(),
      filename: z.string().max(500).optional(),
    }),
  ]),
  context: ReportContext,
});

/** A document body: inline while small, otherwise a claim-check reference to a blob store. */
export const Body = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('inline'), base64: z.base64() }),
  BlobRef,
]);
export type Body = z.infer<typeof Body>;

/** documents.fetched v1: fetcher -> parser. */
export const DocumentFetchedV1 = z.object({
  source: z.string().max(8192),
  finalUrl: z.url().optional(),
  status: z.number().int().optional(),
  contentType: z.string().max(200),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
  fetchedAt: z.iso.datetime(),
  filename: z.string().max(500).optional(),
  body: Body,
  context: ReportContext,
});

/**
 * documents.parsed v1: parser -> extractor. The parsed document inline while small, otherwise
 * by claim check (`documentRef`, the document's JSON in the blob store): the text of a large
 * document does not fit a message. `documentRef` was added to v1 for documents that could never
 * be sent before, so no earlier reader was ever sent one.
 */
export const DocumentParsedV1 = z
  .object({
    document: ParsedDocument.optional(),
    documentRef: BlobRef.optional(),
    context: ReportContext,
  })
  .refine((p) => (p.document === undefined) !== (p.documentRef === undefined), {
    message: 'exactly one of document and documentRef',
  });

/** findings.extracted v1: extractor -> exporter. */
export const FindingsExtractedV1 = z.object({
  meta: DocumentMeta,
  findings: z.array(Finding),
  relations: z.array(Relation),
  /** Candidates the extractor left out, with its reasons: optional, so v1 readers are unaffected. */
  dropped: z.array(Dropped).max(1000).optional(),
  context: ReportContext,
});

/** A STIX 2.1 bundle; its objects are checked by packages/stix, not re-declared here. */
export const StixBundleObject = z.looseObject({
  type: z.literal('bundle'),
  id: z.string().regex(/^bundle--[0-9a-f-]{36}$/),
  objects: z.array(z.looseObject({ type: z.string(), id: z.string() })),
});

/** stix.bundles v1: exporter -> TAXII store and any external consumer. */
export const StixBundleV1 = z.object({
  meta: DocumentMeta,
  bundle: StixBundleObject,
  context: ReportContext,
});

/** A report id as the API hands it out (`newReportId`). */
export const ReportId = z.string().regex(/^[a-z0-9][a-z0-9-]{7,63}$/);

/** How a stage may end a report without passing it on or failing it. A new status is a new entry. */
export const REPORT_STATUSES = ['duplicate'] as const satisfies readonly ReportStage[];
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** reports.status v1: any stage -> the report ledger, for a report that stops here without failing. */
export const ReportStatusV1 = z.object({
  stage: z.enum(REPORT_STATUSES),
  /** For `duplicate`: the earlier report of the same document, whose objects stand for this one. */
  duplicateOf: ReportId.optional(),
  /** Why, for a person (`same content as r-...`). */
  reason: z.string().min(1).max(2000),
  context: ReportContext,
});

export const PAYLOADS = {
  'reports.submitted': ReportSubmittedV1,
  'documents.fetched': DocumentFetchedV1,
  'documents.parsed': DocumentParsedV1,
  'findings.extracted': FindingsExtractedV1,
  'stix.bundles': StixBundleV1,
  'reports.status': ReportStatusV1,
} as const satisfies Record<Topic, z.ZodType>;

export const SCHEMA_VERSION = {
  'reports.submitted': 1,
  'documents.fetched': 1,
  'documents.parsed': 1,
  'findings.extracted': 1,
  'stix.bundles': 1,
  'reports.status': 1,
} as const satisfies Record<Topic, number>;

export type Payload<T extends Topic> = z.infer<(typeof PAYLOADS)[T]>;
/** A payload as a producer may write it: defaults (TLP, labels ...) may be left out. */
export type PayloadInput<T extends Topic> = z.input<(typeof PAYLOADS)[T]>;

/** W3C trace context, so a report can be followed across services in logs and traces. */
export const TraceContext = z.object({
  traceparent: z.string().regex(/^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/),
});
export type TraceContext = z.infer<typeof TraceContext>;

const envelopeFields = {
  id: z.uuid(),
  reportId: ReportId,
  time: z.iso.datetime(),
  trace: TraceContext,
};

function envelopeSchema<T extends Topic>(topic: T) {
  return z.object({
    ...envelopeFields,
    type: z.literal(topic),
    schemaVersion: z.literal(SCHEMA_VERSION[topic]),
    payload: PAYLOADS[topic],
  });
}

export const ENVELOPES = Object.fromEntries(TOPICS.map((t) => [t, envelopeSchema(t)])) as {
  [T in Topic]: ReturnType<typeof envelopeSchema<T>>;
};

/** The envelope every message travels in; `payload` is the topic's payload. */
export interface Envelope<T extends Topic> {
  id: string;
  reportId: string;
  type: T;
  schemaVersion: (typeof SCHEMA_VERSION)[T];
  time: string;
  trace: TraceContext;
  payload: Payload<T>;
}

/** The stage a report reaches with this message: its topic's, or the one a status message names. */
export function reportStageOf(envelope: Envelope<Topic>): ReportStage {
  return STAGE_OF_TOPIC[envelope.type] ?? (envelope.payload as Payload<'reports.status'>).stage;
}

/** What lands on `<topic>.dlq`: the failed message as it was, and why. */
export const DeadLetter = z.object({
  topic: z.enum(TOPICS),
  stage: z.string(),
  group: z.string(),
  reportId: z.string().optional(),
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
  attempts: z.number().int().positive(),
  failedAt: z.iso.datetime(),
  /** The message exactly as it was received (it may not be valid JSON). */
  original: z.object({ key: z.string().nullable(), value: z.string() }),
});
export type DeadLetter = z.infer<typeof DeadLetter>;
