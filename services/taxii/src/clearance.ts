import { TLP_LEVELS, type Tlp } from '@stixmill/contracts';
import { tlpMarkingIds } from '@stixmill/stix';
import { TLP_COLLECTIONS } from '@stixmill/store';
import type { AccessPolicy } from './access.ts';
import type { Principal } from './auth.ts';

// A reader's clearance is the TLP levels whose collection it may read. Every collection (default
// included) serves a reader only objects within its clearance, so no collection's rights are ever
// wider than the markings of what it serves: denying `tlp-red` denies TLP:RED everywhere.

/** The TLP levels this principal may read, by the rules of the TLP collections. */
export function clearedLevels(access: AccessPolicy, principal: Principal): Tlp[] {
  // The rule decides, not the collection's own switch: a TLP collection turned off for everyone
  // still says who is cleared for its level.
  return TLP_LEVELS.filter((level) =>
    access.canRead(principal, { ...TLP_COLLECTIONS[level], canRead: true, canWrite: false }),
  );
}

/** The TLP marking ids (1.0 and 2.0) of the levels this principal is not cleared for. */
export function hiddenMarkings(access: AccessPolicy, principal: Principal): string[] {
  const cleared = new Set(clearedLevels(access, principal));
  return tlpMarkingIds(TLP_LEVELS.filter((level) => !cleared.has(level)));
}

/** Levels too sensitive for a reader nobody has identified. */
const NEVER_ANONYMOUS: readonly Tlp[] = ['amber', 'amber+strict', 'red'];

/**
 * Refuses, at start, a configuration that clears the anonymous reader for TLP:AMBER,
 * AMBER+STRICT or RED (a `read` rule naming `anonymous` on one of their collections).
 */
export function checkAnonymousClearance(access: AccessPolicy, anonymous: Principal): void {
  const exposed = clearedLevels(access, anonymous).filter((level) => NEVER_ANONYMOUS.includes(level));
  if (exposed.length)
    throw new Error(
      `the collection rules would let anonymous readers read ${exposed.map((l) => `TLP:${l.toUpperCase()}`).join(', ')}: ` +
        `remove "anonymous" from the read list of ${exposed.map((l) => TLP_COLLECTIONS[l].alias).join(', ')}`,
    );
}
