import { z } from 'zod';

// Pieces every STIX 2.1 object shares (§3 Common Properties, §2 Common Data Types).

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';

/** §2.9 Identifier: `object-type--UUID`. */
export const Identifier = z.string().regex(new RegExp(`^[a-z][a-z0-9-]+[a-z0-9]--${UUID}$`), 'not a STIX identifier');

/** An identifier of one given object type. */
export function idOf<T extends string>(type: T) {
  return z
    .string()
    .regex(new RegExp(`^${type}--${UUID}$`), `not a ${type} identifier`) as unknown as z.ZodType<`${T}--${string}`>;
}

/** §2.15 Timestamp: RFC 3339, UTC, `Z`. */
export const Timestamp = z
  .string()
  .regex(
    /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?Z$/,
    'not a STIX timestamp',
  );

/** §3.2: `created` and `modified` MUST have millisecond precision. */
export const MillisTimestamp = Timestamp.regex(/T\d{2}:\d{2}:\d{2}\.\d{3,}Z$/, 'needs millisecond precision');

/** §2.7 Hashes: keys from the hash-algorithm vocabulary, values checked per algorithm. */
const HASH_FORMATS: Record<string, RegExp> = {
  MD5: /^[a-fA-F0-9]{32}$/,
  'SHA-1': /^[a-fA-F0-9]{40}$/,
  'SHA-256': /^[a-fA-F0-9]{64}$/,
  'SHA-512': /^[a-fA-F0-9]{128}$/,
  'SHA3-256': /^[a-fA-F0-9]{64}$/,
  'SHA3-512': /^[a-fA-F0-9]{128}$/,
};
export const HASH_ALGORITHMS = ['MD5', 'SHA-1', 'SHA-256', 'SHA-512'] as const;
export type HashAlgorithm = (typeof HASH_ALGORITHMS)[number];

export const Hashes = z
  .record(z.string().regex(/^[a-zA-Z0-9_-]{3,250}$/), z.string().min(1))
  .refine((h) => Object.keys(h).length > 0, 'hashes must not be empty')
  .superRefine((hashes, ctx) => {
    for (const [algorithm, value] of Object.entries(hashes)) {
      const format = HASH_FORMATS[algorithm];
      if (format && !format.test(value))
        ctx.addIssue({ code: 'custom', message: `not a valid ${algorithm}`, path: [algorithm] });
    }
  });

const CVE = /^CVE-\d{4}-(0\d{3}|[1-9]\d{3,})$/;

/** §2.5 External Reference. */
export const ExternalReference = z
  .strictObject({
    source_name: z.string().min(1),
    description: z.string().min(1).optional(),
    url: z.url().optional(),
    hashes: Hashes.optional(),
    external_id: z.string().min(1).optional(),
  })
  .refine(
    (r) => r.description !== undefined || r.url !== undefined || r.external_id !== undefined,
    'an external reference needs a description, url or external_id',
  )
  .refine((r) => r.source_name !== 'cve' || (r.external_id !== undefined && CVE.test(r.external_id)), {
    message: "a 'cve' reference needs a CVE id as external_id",
  })
  .refine((r) => r.source_name !== 'capec' || /^CAPEC-\d+$/.test(r.external_id ?? ''), {
    message: "a 'capec' reference needs a CAPEC id as external_id",
  });
export type ExternalReference = z.infer<typeof ExternalReference>;

/** §7.3 extensions: keyed by an extension-definition id (or a predefined `*-ext` name). */
export const Extensions = z
  .record(
    z.string().regex(new RegExp(`^(extension-definition--${UUID}|[a-z][a-z0-9]*(-[a-z0-9]+)*-ext)$`)),
    z.looseObject({
      extension_type: z
        .enum(['new-sdo', 'new-sco', 'new-sro', 'property-extension', 'toplevel-property-extension'])
        .optional(),
    }),
  )
  .refine((e) => Object.keys(e).length > 0, 'extensions must not be empty');

/**
 * Where stixmill found a thing: the sentence and the document it is in. Carried on SDOs and
 * indicators as the custom top-level property `x_stixmill_evidence`, declared by the stixmill
 * evidence extension definition (a `toplevel-property-extension`, STIX 2.1 §7.3).
 */
export const Evidence = z.strictObject({
  sentence: z.string().min(1),
  source: z.string().min(1),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  page: z.number().int().positive().optional(),
  /** Why the mention counted: the extractor's rule and features ("found:url", "defanged"). */
  reasons: z.array(z.string().min(1)).min(1).optional(),
});
export type Evidence = z.infer<typeof Evidence>;

export const Confidence = z.number().int().min(0).max(100);

/** Properties every SDO and SRO stixmill emits may carry (§3.2) besides type, spec_version and id: the head, then the object's own, then the tail. */
export const sdoHead = {
  created_by_ref: idOf('identity').optional(),
  created: MillisTimestamp,
  modified: MillisTimestamp,
};
export const sdoTail = {
  revoked: z.boolean().optional(),
  labels: z.array(z.string().min(1)).min(1).optional(),
  confidence: Confidence.optional(),
  lang: z.string().min(1).optional(),
  external_references: z.array(ExternalReference).min(1).optional(),
  object_marking_refs: z.array(idOf('marking-definition')).min(1).optional(),
  extensions: Extensions.optional(),
  x_stixmill_evidence: z.array(Evidence).min(1).optional(),
};

/** Properties every SCO stixmill emits may carry besides type, spec_version and id (§3.2, SCO column). */
export const scoCommon = {
  object_marking_refs: z.array(idOf('marking-definition')).min(1).optional(),
  defanged: z.boolean().optional(),
  extensions: Extensions.optional(),
};

/** The aliases property of SDOs: non-empty when present. */
export const Aliases = z.array(z.string().min(1)).min(1).optional();
