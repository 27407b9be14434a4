import { TLP_LEVELS, type Tlp } from '@stixmill/contracts';
import { TLP_LEVEL_OF_MARKING } from '@stixmill/stix';
import type { StixObject } from '@stixmill/store';

/**
 * The TLP 2.0 level an object is shared under: the strictest TLP marking (1.0 or 2.0) in its
 * `object_marking_refs` (STIX 2.1 §7.2.2.1), else `fallback` (the report's level) for objects
 * that carry none, such as the marking definitions themselves.
 */
export function tlpOf(object: StixObject, fallback: Tlp): Tlp {
  const refs = Array.isArray(object.object_marking_refs) ? object.object_marking_refs : [];
  let strictest = -1;
  for (const ref of refs) {
    const level = typeof ref === 'string' ? TLP_LEVEL_OF_MARKING.get(ref) : undefined;
    if (level !== undefined) strictest = Math.max(strictest, TLP_LEVELS.indexOf(level));
  }
  return TLP_LEVELS[strictest] ?? fallback;
}
