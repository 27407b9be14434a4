import { describe, expect, test } from 'vitest';
import { EVIDENCE_EXTENSION_ID, WALLET_EXTENSION_ID } from './extension-ids.ts';
import { withoutEvidence } from './without-evidence.ts';

const evidence = [{ sentence: 'The actor used Quillgate.', source: 'file:x.txt', start: 0, end: 10 }];

describe('withoutEvidence', () => {
  test('drops the property and its declaration, and an extensions map left empty', () => {
    const object = {
      type: 'malware',
      id: 'malware--1',
      name: 'Quillgate',
      x_stixmill_evidence: evidence,
      extensions: { [EVIDENCE_EXTENSION_ID]: { extension_type: 'toplevel-property-extension' } },
    };
    expect(withoutEvidence(object)).toEqual({ type: 'malware', id: 'malware--1', name: 'Quillgate' });
  });

  test('keeps other extensions', () => {
    const object = {
      type: 'cryptocurrency-wallet',
      id: 'cryptocurrency-wallet--1',
      x_stixmill_evidence: evidence,
      extensions: {
        [EVIDENCE_EXTENSION_ID]: { extension_type: 'toplevel-property-extension' },
        [WALLET_EXTENSION_ID]: { extension_type: 'new-sco' },
      },
    };
    expect(withoutEvidence(object)).toEqual({
      type: 'cryptocurrency-wallet',
      id: 'cryptocurrency-wallet--1',
      extensions: { [WALLET_EXTENSION_ID]: { extension_type: 'new-sco' } },
    });
  });

  test('an object without evidence is returned as it is', () => {
    const object = { type: 'identity', id: 'identity--1', name: 'stixmill' };
    expect(withoutEvidence(object)).toBe(object);
  });
});
