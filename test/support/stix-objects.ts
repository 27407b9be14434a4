import type { StixObject } from '@stixmill/store';

/**
 * Indicator n of a test feed: a fixed id under `idBase` (the first UUID group, so suites do not
 * collide), fixed timestamps, and the given STIX pattern.
 */
export function testIndicator(n: number, pattern: string, idBase: string): StixObject {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${idBase}-0000-4000-8000-${String(n).padStart(12, '0')}`,
    created: '2025-02-21T10:00:00.000Z',
    modified: '2025-02-21T10:00:00.000Z',
    pattern,
    pattern_type: 'stix',
    valid_from: '2025-02-21T10:00:00Z',
  };
}
