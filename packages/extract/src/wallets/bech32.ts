// Bech32 (BIP-173, segwit v0) and Bech32m (BIP-350, v1+) addresses with their checksums.
import { bech32, bech32m } from '@scure/base';

/** True when `s` is a valid segwit address with human-readable part `hrp`. */
export function isSegwitAddress(s: string, hrp: string): boolean {
  const lower = s.toLowerCase();
  if (s !== lower && s !== s.toUpperCase()) return false;
  if (!lower.startsWith(`${hrp}1`)) return false;
  for (const codec of [bech32, bech32m]) {
    try {
      const { prefix, words } = codec.decode(lower as `${string}1${string}`, 90);
      if (prefix !== hrp || words.length === 0) continue;
      const version = words[0] as number;
      if ((version === 0) !== (codec === bech32)) continue;
      const program = codec.fromWords(words.slice(1));
      if (version === 0 && program.length !== 20 && program.length !== 32) continue;
      if (program.length < 2 || program.length > 40) continue;
      return true;
    } catch {
      // not this encoding
    }
  }
  return false;
}
