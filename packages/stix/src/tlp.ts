import { TLP2_EXTENSION_ID } from './extension-ids.ts';
import type { ExtensionDefinition, MarkingDefinition } from './schemas/meta.ts';

// TLP 2.0 as STIX 2.1 markings. STIX 2.1 §7.2.1.4 predefines only TLP 1.0 (WHITE, GREEN,
// AMBER, RED); the OASIS CTI TC publishes TLP 2.0 as five marking-definition objects that use
// the TLP 2.0 property extension (oasis-open/cti-stix-common-objects, tlp-2.0). Consumers
// recognise them by id, so the objects below are the published ones, field for field.

export const TLP_LEVELS = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;
export type TlpLevel = (typeof TLP_LEVELS)[number];

const PUBLISHED = '2022-10-01T00:00:00.000Z';

function tlp2(id: string, level: TlpLevel): MarkingDefinition {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: id as `marking-definition--${string}`,
    created: PUBLISHED,
    name: `TLP:${level.toUpperCase()}`,
    extensions: { [TLP2_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: level } },
  };
}

export const TLP_MARKINGS: Readonly<Record<TlpLevel, MarkingDefinition>> = Object.freeze({
  clear: tlp2('marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487', 'clear'),
  green: tlp2('marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb', 'green'),
  amber: tlp2('marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421', 'amber'),
  'amber+strict': tlp2('marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003', 'amber+strict'),
  red: tlp2('marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1', 'red'),
});

/** The TLP 2.0 extension definition as published (its author is CISA's identity, not in our bundles). */
export const TLP2_EXTENSION_DEFINITION: ExtensionDefinition = {
  type: 'extension-definition',
  spec_version: '2.1',
  id: TLP2_EXTENSION_ID as `extension-definition--${string}`,
  created_by_ref: 'identity--b3bca3c2-1f3d-4b54-b44f-dac42c3a8f01',
  created: PUBLISHED,
  modified: PUBLISHED,
  name: 'TLP 2.0',
  description: 'This defines TLP 2.0 as a STIX extension',
  schema:
    'https://github.com/oasis-open/cti-stix-common-objects/tree/master/extension-definition-specifications/tlp-2.0',
  version: '1.0.0',
  extension_types: ['property-extension'],
};

export function tlpMarking(level: TlpLevel): MarkingDefinition {
  return TLP_MARKINGS[level];
}

/**
 * The TLP 1.0 markings STIX 2.1 §7.2.1.4 predefines, keyed by the TLP 2.0 level each reads as
 * (WHITE is CLEAR; 1.0 has no AMBER+STRICT). Outside producers still mark with them.
 */
export const TLP1_MARKING_IDS = Object.freeze({
  clear: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
  green: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
  amber: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
  red: 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed',
} as const);

/** Every TLP marking id, 1.0 and 2.0, with the TLP 2.0 level it means. */
export const TLP_LEVEL_OF_MARKING: ReadonlyMap<string, TlpLevel> = new Map<string, TlpLevel>([
  ...TLP_LEVELS.map((level) => [TLP_MARKINGS[level].id, level] as const),
  ...Object.entries(TLP1_MARKING_IDS).map(([level, id]) => [id, level as TlpLevel] as const),
]);

/** The ids of the markings, 1.0 and 2.0, of these levels. */
export function tlpMarkingIds(levels: Iterable<TlpLevel>): string[] {
  const wanted = new Set(levels);
  return [...TLP_LEVEL_OF_MARKING].filter(([, level]) => wanted.has(level)).map(([id]) => id);
}
