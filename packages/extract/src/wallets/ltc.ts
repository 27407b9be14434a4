// Litecoin: L... (P2PKH, version 0x30), M... (P2SH, 0x32), ltc1... segwit.
import { decodeBase58check } from './base58check.ts';
import { isSegwitAddress } from './bech32.ts';

export const LTC_CANDIDATE = /\b(?:[LM][1-9A-HJ-NP-Za-km-z]{26,33}|ltc1[02-9ac-hj-np-z]{11,87})\b/g;

export function isLtcAddress(s: string): boolean {
  if (/^ltc1/i.test(s)) return isSegwitAddress(s, 'ltc');
  const payload = decodeBase58check(s);
  return payload !== undefined && payload.length === 21 && (payload[0] === 0x30 || payload[0] === 0x32);
}
