import { z } from 'zod';
import { Extensions, ExternalReference, idOf, MillisTimestamp } from './common.ts';

// STIX 2.1 §7 (STIX Meta Objects): marking definitions and extension definitions.

/**
 * §7.2.1 Marking Definition. stixmill emits the TLP 2.0 objects (which carry their meaning in
 * the TLP 2.0 property extension and have no `definition`), and accepts statement markings.
 */
export const MarkingDefinition = z
  .strictObject({
    type: z.literal('marking-definition'),
    spec_version: z.literal('2.1'),
    id: idOf('marking-definition'),
    created_by_ref: idOf('identity').optional(),
    created: MillisTimestamp,
    name: z.string().min(1).optional(),
    definition_type: z.string().min(1).optional(),
    definition: z.record(z.string(), z.unknown()).optional(),
    external_references: z.array(ExternalReference).min(1).optional(),
    object_marking_refs: z.array(idOf('marking-definition')).min(1).optional(),
    extensions: Extensions.optional(),
  })
  .refine(
    (m) => m.extensions !== undefined || (m.definition_type !== undefined && m.definition !== undefined),
    'a marking definition without extensions needs definition_type and definition',
  );
export type MarkingDefinition = z.infer<typeof MarkingDefinition>;

export const EXTENSION_TYPES = [
  'new-sdo',
  'new-sco',
  'new-sro',
  'property-extension',
  'toplevel-property-extension',
] as const;

/** §7.3 Extension Definition: `created_by_ref`, `schema`, `version`, `extension_types` are required. */
export const ExtensionDefinition = z
  .strictObject({
    type: z.literal('extension-definition'),
    spec_version: z.literal('2.1'),
    id: idOf('extension-definition'),
    created_by_ref: idOf('identity'),
    created: MillisTimestamp,
    modified: MillisTimestamp,
    name: z.string().min(1),
    description: z.string().min(1).optional(),
    schema: z.string().min(1),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'version is semantic (1.0.0)'),
    extension_types: z.array(z.enum(EXTENSION_TYPES)).min(1),
    extension_properties: z.array(z.string().min(1)).min(1).optional(),
    external_references: z.array(ExternalReference).min(1).optional(),
    object_marking_refs: z.array(idOf('marking-definition')).min(1).optional(),
  })
  .refine(
    (e) => e.extension_types.includes('toplevel-property-extension') || e.extension_properties === undefined,
    'extension_properties is only for toplevel-property-extension',
  );
export type ExtensionDefinition = z.infer<typeof ExtensionDefinition>;
