import { describe, expect, test } from 'vitest';
import { extract } from './extract.ts';
import { plainDocument } from './plain-document.ts';

const confidenceOf = (text: string, type: string, value: string) =>
  extract(plainDocument(text)).findings.find((f) => f.type === type && f.value === value)?.confidence;

// The calibration table in confidence.ts, checked through extract() one row at a time.
describe('confidence by type and cue', () => {
  test.each([
    {
      cue: 'wallet with a checksum (EIP-55 mixed case)',
      text: 'Paid to 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed twice.',
      type: 'cryptocurrency-wallet',
      value: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
      expected: 95,
    },
    {
      cue: 'wallet with a checksum (bech32)',
      text: 'BTC: bc1qf5x4jag30mzny7nvthapnefrhf5qx6j0w7a2cs',
      type: 'cryptocurrency-wallet',
      value: 'bc1qf5x4jag30mzny7nvthapnefrhf5qx6j0w7a2cs',
      expected: 95,
    },
    {
      cue: 'EVM address in lower case: no checksum to check',
      text: 'Paid to 0x52908400098527886e0f7030069857d2e4169ee7 twice.',
      type: 'cryptocurrency-wallet',
      value: '0x52908400098527886e0f7030069857d2e4169ee7',
      expected: 85,
    },
    {
      cue: 'Solana key, only because the chain is named',
      text: 'SOL: ESSfP3aAcW6Z59ozut9Jkqy9btaX5YTHt25b3Vhs2hsf',
      type: 'cryptocurrency-wallet',
      value: 'ESSfP3aAcW6Z59ozut9Jkqy9btaX5YTHt25b3Vhs2hsf',
      expected: 70,
    },
    {
      cue: 'domain written plainly',
      text: 'The lure pointed at quantum-ledger-careers.com for weeks.',
      type: 'domain-name',
      value: 'quantum-ledger-careers.com',
      expected: 75,
    },
    {
      cue: 'domain defanged by its author',
      text: 'The lure pointed at quantum-ledger-careers[.]com for weeks.',
      type: 'domain-name',
      value: 'quantum-ledger-careers.com',
      expected: 85,
    },
    {
      cue: 'defanged and under an indicators heading',
      text: 'Indicators of compromise:\n  quantum-ledger-careers[.]com',
      type: 'domain-name',
      value: 'quantum-ledger-careers.com',
      expected: 90,
    },
    {
      cue: 'labelled phone',
      text: 'Persona phone: +1 415 555 0199',
      type: 'phone-number',
      value: '+1 415 555 0199',
      expected: 60,
    },
    {
      cue: 'catalogue group with aliases',
      text: 'The Lazarus Group returned.',
      type: 'intrusion-set',
      value: 'Lazarus Group',
      expected: 90,
    },
    {
      cue: 'person with a native-script name',
      text: 'The defendant Ri Chol Hun (리철훈) opened the accounts.',
      type: 'threat-actor',
      value: 'Ri Chol Hun',
      expected: 80,
    },
    {
      cue: 'victim named only by a cue',
      text: 'The crew stole $41 million from Kestrel Markets in a single night.',
      type: 'identity',
      value: 'Kestrel Markets',
      expected: 60,
    },
  ])('$cue', ({ text, type, value, expected }) => {
    expect(confidenceOf(text, type, value)).toBe(expected);
  });
});
