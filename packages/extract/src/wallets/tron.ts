// TRON: Base58Check with version byte 0x41, always starting with T.
import { decodeBase58check } from './base58check.ts';

export const TRON_CANDIDATE = /\bT[1-9A-HJ-NP-Za-km-z]{33}\b/g;

export function isTronAddress(s: string): boolean {
  const payload = decodeBase58check(s);
  return payload !== undefined && payload.length === 21 && payload[0] === 0x41;
}
