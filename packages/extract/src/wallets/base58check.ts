// Base58Check (Bitcoin's address encoding): payload + 4-byte double-SHA-256 checksum.

import { sha256 } from '@noble/hashes/sha2.js';
import { createBase58check } from '@scure/base';

const codec = createBase58check(sha256);

/** The decoded payload (version byte first) when the checksum holds, else undefined. */
export function decodeBase58check(s: string): Uint8Array | undefined {
  try {
    return codec.decode(s);
  } catch {
    return undefined;
  }
}
