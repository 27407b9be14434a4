// Solana: a Base58 encoding of a 32-byte public key. There is no checksum, so a candidate only
// counts where the text says Solana (or SOL) near it.
import { base58 } from '@scure/base';

export const SOL_CANDIDATE = /\b[1-9A-HJ-NP-Za-km-z]{32,44}\b/g;
export const SOL_CONTEXT = /\b(?:solana|SOL|phantom|solscan|SPL)\b/;

export function isSolanaKey(s: string): boolean {
  // A run of one letter case or of digits only is far more likely a word or a number.
  if (!/[a-z]/.test(s) || !/[A-Z]/.test(s) || !/[1-9]/.test(s)) return false;
  try {
    return base58.decode(s).length === 32;
  } catch {
    return false;
  }
}
