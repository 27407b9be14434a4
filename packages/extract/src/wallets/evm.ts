// Ethereum and EVM chains: 0x + 20 bytes hex. Mixed case carries an EIP-55 checksum.
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export const EVM_CANDIDATE = /\b0x[0-9a-fA-F]{40}\b/g;

/** EIP-55: a hex digit is upper case iff the matching nibble of keccak(lower-case address) >= 8. */
export function toChecksumAddress(address: string): string {
  const lower = address.slice(2).toLowerCase();
  const hash = bytesToHex(keccak_256(utf8ToBytes(lower)));
  let out = '0x';
  for (let i = 0; i < lower.length; i++) {
    const c = lower[i] as string;
    out += Number.parseInt(hash[i] as string, 16) >= 8 ? c.toUpperCase() : c;
  }
  return out;
}

export function isEvmAddress(s: string): boolean {
  if (!/^0x[0-9a-fA-F]{40}$/.test(s)) return false;
  const body = s.slice(2);
  if (body === body.toLowerCase() || body === body.toUpperCase()) return !/^0+$/.test(body);
  return toChecksumAddress(s) === s;
}
