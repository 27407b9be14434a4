import type { Collection, Store } from '@stixmill/store';
import { z } from 'zod';
import type { CollectionAccess } from './access.ts';

// Collections an operator configures (STIXMILL_TAXII_COLLECTIONS): new ones, and rules for the
// built-in ones (the default collection and one per TLP level), found by id or alias.

const Names = z.array(z.string().min(1).max(200)).max(1000);

export const CollectionConfig = z
  .strictObject({
    id: z.uuid().optional(),
    alias: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{0,99}$/)
      .optional(),
    title: z.string().min(1).max(200).optional(),
    description: z.string().max(2000).optional(),
    /** Principal names that may read; `*` every authenticated one, `anonymous` the anonymous reader. */
    read: Names.optional(),
    /** Principal names that may add and delete objects; a non-empty list makes the collection writable. */
    write: Names.optional(),
    /** false: serve this collection's objects without stixmill's evidence property (standard STIX only). */
    evidence: z.boolean().optional(),
  })
  .refine((c) => c.id !== undefined || c.alias !== undefined, { message: 'give the collection an id or an alias' });
export type CollectionConfig = z.infer<typeof CollectionConfig>;

export const CollectionsConfig = z.array(CollectionConfig).max(1000);

/** The JSON list of collections, or a readable error naming what is wrong. */
export function parseCollectionsConfig(json: string, where = 'STIXMILL_TAXII_COLLECTIONS'): CollectionConfig[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new Error(`${where}: not JSON: ${(error as Error).message}`);
  }
  const parsed = CollectionsConfig.safeParse(value);
  if (!parsed.success) throw new Error(`${where}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** The ids and aliases of the collections configured without the evidence property. */
export function plainCollections(configs: readonly CollectionConfig[]): Set<string> {
  return new Set(
    configs.filter((c) => c.evidence === false).flatMap((c) => [c.id, c.alias].filter((k) => k !== undefined)),
  );
}

/**
 * What in a collection's configuration a client will trip on: OpenCTI's taxii2 connector names
 * collections as "api_root.collection_title" and splits on the dot, so a title holding a dot
 * cannot be selected there.
 */
export function collectionWarnings(configs: readonly CollectionConfig[]): string[] {
  return configs
    .filter((c) => c.title?.includes('.'))
    .map(
      (c) =>
        `collection "${c.title}" (${c.id ?? c.alias}): a title with a dot cannot be selected by OpenCTI's taxii2 connector, which splits "root.title" on the dot; use a title without one`,
    );
}

/** The read/write rules of the configured collections, by id and by alias. */
export function accessRules(configs: readonly CollectionConfig[]): Map<string, CollectionAccess> {
  const rules = new Map<string, CollectionAccess>();
  for (const c of configs) {
    const rule = { read: c.read, write: c.write };
    if (c.id !== undefined) rules.set(c.id, rule);
    if (c.alias !== undefined) rules.set(c.alias, rule);
  }
  return rules;
}

/**
 * Make the store hold the configured collections: create new ones (an id is then required),
 * update the title, description and alias of existing ones, and turn writing on for those
 * with writers. Idempotent, so every replica may run it at start.
 */
export async function applyCollections(store: Store, configs: readonly CollectionConfig[]): Promise<void> {
  for (const c of configs) {
    const existing = await store.getCollection(c.id ?? c.alias ?? '');
    if (!existing && c.id === undefined)
      throw new Error(`configured collection "${c.alias}" does not exist; give it an id to create it`);
    const base: Collection = existing ?? {
      id: c.id ?? '',
      title: c.title ?? c.alias ?? c.id ?? '',
      canRead: true,
      canWrite: false,
    };
    await store.putCollection({
      ...base,
      ...(c.title === undefined ? {} : { title: c.title }),
      ...(c.description === undefined ? {} : { description: c.description }),
      ...(c.alias === undefined ? {} : { alias: c.alias }),
      ...(c.write === undefined ? {} : { canWrite: c.write.length > 0 }),
    });
  }
}
