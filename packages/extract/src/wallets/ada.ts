// Cardano Shelley addresses: bech32 with the "addr" prefix (longer than BIP-173's 90 limit).
import { bech32 } from '@scure/base';

export const ADA_CANDIDATE = /\baddr1[02-9ac-hj-np-z]{50,120}\b/g;

export function isCardanoAddress(s: string): boolean {
  try {
    return bech32.decode(s as `${string}1${string}`, 130).prefix === 'addr';
  } catch {
    return false;
  }
}
