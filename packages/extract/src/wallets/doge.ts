// Dogecoin: Base58Check, version 0x1E (D...) for P2PKH and 0x16 (9/A...) for P2SH.
import { decodeBase58check } from './base58check.ts';

export const DOGE_CANDIDATE = /\bD[1-9A-HJ-NP-Za-km-z]{33}\b/g;

export function isDogeAddress(s: string): boolean {
  const payload = decodeBase58check(s);
  return payload !== undefined && payload.length === 21 && (payload[0] === 0x1e || payload[0] === 0x16);
}
