import { patternProblem, TLP_LEVEL_OF_MARKING, TLP1_MARKING_IDS } from '@stixmill/stix';
import { type StixObject, toMicros } from '@stixmill/store';
import { z } from 'zod';

// What a writable collection accepts from an outside producer: STIX objects that the store can
// keep and that a consumer can use. Each refusal names its reason, for the status resource.

/** Deeper than any STIX object needs (extensions nest a few levels); bounds work on hostile input. */
export const MAX_OBJECT_DEPTH = 64;

// STIX 2.1 §2.9: an identifier is `type--UUID`; the type is 3-250 lowercase letters, digits, hyphens.
const StixId = z
  .string()
  .regex(
    /^([a-z0-9][a-z0-9-]{1,248}[a-z0-9])--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
  );
const StixTimestamp = z.iso.datetime({ offset: true });
const IncomingObject = z.looseObject({
  type: z.string().min(3).max(250),
  id: StixId,
  spec_version: z.string().optional(),
  created: StixTimestamp.optional(),
  modified: StixTimestamp.optional(),
});

/** Why a JSON value is unfit to store (too deep, NUL, a lone surrogate), walking it without recursion. */
function shapeProblem(value: unknown): string | undefined {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 1 }];
  while (stack.length) {
    const { value: v, depth } = stack.pop() as { value: unknown; depth: number };
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return 'a string holds NUL (U+0000), which no store keeps';
      if (!v.isWellFormed()) return 'a string holds a lone UTF-16 surrogate (not Unicode text)';
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth > MAX_OBJECT_DEPTH) return `nested deeper than ${MAX_OBJECT_DEPTH} levels`;
    const entries = Array.isArray(v) ? v : Object.entries(v).flat();
    for (const child of entries) stack.push({ value: child, depth: depth + 1 });
  }
  return undefined;
}

/** The meaning of a marking definition that reuses a TLP id must be that TLP level. */
function markingProblem(object: Record<string, unknown>): string | undefined {
  const id = String(object.id);
  const level = TLP_LEVEL_OF_MARKING.get(id);
  if (!level) return undefined;
  if ((Object.values(TLP1_MARKING_IDS) as string[]).includes(id)) {
    const tlp1 = level === 'clear' ? 'white' : level;
    const definition = object.definition as { tlp?: unknown } | undefined;
    if (object.definition_type !== 'tlp' || definition?.tlp !== tlp1)
      return `${id} is TLP:${tlp1.toUpperCase()}; a marking definition with this id cannot say anything else`;
    return undefined;
  }
  const extensions = Object.values((object.extensions ?? {}) as Record<string, { tlp_2_0?: unknown }>);
  if (!extensions.some((e) => e?.tlp_2_0 === level))
    return `${id} is TLP:${level.toUpperCase()} (TLP 2.0); a marking definition with this id cannot say anything else`;
  return undefined;
}

function indicatorProblem(object: Record<string, unknown>): string | undefined {
  const { pattern, pattern_type: patternType } = object;
  if (typeof pattern !== 'string' || pattern.trim() === '') return 'an indicator needs a pattern';
  if (typeof patternType !== 'string' || patternType === '') return 'an indicator needs a pattern_type';
  if (typeof object.valid_from !== 'string') return 'an indicator needs valid_from';
  if (patternType === 'stix') {
    const problem = patternProblem(pattern);
    if (problem) return `the pattern is not a STIX pattern: ${problem}`;
  }
  return undefined;
}

export type Checked = { ok: true; object: StixObject } | { ok: false; id: string; reason: string };

/** The id a posted item gives itself, for its status record: '' when it has none fit to echo. */
export function postedId(item: unknown): string {
  const id = typeof (item as { id?: unknown })?.id === 'string' ? (item as { id: string }).id : '';
  return shapeProblem(id) ? '' : id;
}

/** One posted object: kept as sent, or refused with the reason. */
export function checkIncoming(item: unknown): Checked {
  const refuse = (reason: string): Checked => ({ ok: false, id: postedId(item), reason });
  const shape = shapeProblem(item);
  if (shape) return refuse(shape);
  const parsed = IncomingObject.safeParse(item);
  if (!parsed.success) return refuse(z.prettifyError(parsed.error));
  const object = parsed.data;
  if (!object.id.startsWith(`${object.type}--`)) return refuse('the id does not start with the type');
  // Feeds serve objects one by one: a bundle is a container, not an object to store.
  if (object.type === 'bundle') return refuse('a bundle is not stored: post its objects in the envelope');
  if (object.created && object.modified && (toMicros(object.modified) ?? 0) < (toMicros(object.created) ?? 0))
    return refuse('modified is before created');
  const problem =
    object.type === 'indicator'
      ? indicatorProblem(object)
      : object.type === 'marking-definition'
        ? markingProblem(object)
        : undefined;
  if (problem) return refuse(problem);
  return { ok: true, object: object as StixObject };
}
