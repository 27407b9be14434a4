// Bitcoin: legacy P2PKH (1...) and P2SH (3...) in Base58Check, segwit bc1... in bech32/bech32m.
import { decodeBase58check } from './base58check.ts';
import { isSegwitAddress } from './bech32.ts';

export const BTC_CANDIDATE =
  /\b(?:[13][1-9A-HJ-NP-Za-km-z]{25,34}|bc1[02-9ac-hj-np-z]{11,87}|BC1[02-9AC-HJ-NP-Z]{11,87})\b/g;

export function isBtcAddress(s: string): boolean {
  if (/^bc1/i.test(s)) return isSegwitAddress(s, 'bc');
  const payload = decodeBase58check(s);
  return payload !== undefined && payload.length === 21 && (payload[0] === 0x00 || payload[0] === 0x05);
}
