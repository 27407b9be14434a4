import { describe, expect, test } from 'vitest';
import { findDesignations } from './designations.ts';

const names = (text: string) => findDesignations(text).map((h) => h.name);

describe('vendor designations of threat clusters', () => {
  test.each([
    ['The cybercrime actor TA9001 sent lures about taxes.', 'TA9001'],
    ['Mandiant tracks the activity as UNC99999.', 'UNC99999'],
    ['Microsoft calls the cluster Storm-9999, formerly DEV-9998.', 'Storm-9999'],
    ['APT-C-99 returned with new lures.', 'APT-C-99'],
  ])('%s', (text, expected) => {
    expect(names(text)).toContain(expected);
  });

  test('look-alikes in paths, versions and longer words are none', () => {
    expect(names('See /files/TA9001.pdf and build TA100.2 or DATA1234 or UNC123-beta.')).toEqual([]);
  });
});
