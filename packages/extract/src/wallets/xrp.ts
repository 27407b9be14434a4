// XRP Ledger classic addresses: Base58Check over Ripple's alphabet, account id version 0x00.
import { sha256 } from '@noble/hashes/sha2.js';
import { base58xrp } from '@scure/base';

export const XRP_CANDIDATE = /\br[1-9A-HJ-NP-Za-km-z]{24,34}\b/g;

export function isXrpAddress(s: string): boolean {
  let bytes: Uint8Array;
  try {
    bytes = base58xrp.decode(s);
  } catch {
    return false;
  }
  if (bytes.length !== 25 || bytes[0] !== 0) return false;
  const payload = bytes.slice(0, 21);
  const check = sha256(sha256(payload));
  return check[0] === bytes[21] && check[1] === bytes[22] && check[2] === bytes[23] && check[3] === bytes[24];
}
