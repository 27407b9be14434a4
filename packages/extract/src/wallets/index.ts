// Finds cryptocurrency addresses of every supported chain in (refanged) text.
import { ADA_CANDIDATE, isCardanoAddress } from './ada.ts';
import { BTC_CANDIDATE, isBtcAddress } from './btc.ts';
import { DOGE_CANDIDATE, isDogeAddress } from './doge.ts';
import { EVM_CANDIDATE, isEvmAddress } from './evm.ts';
import { isLtcAddress, LTC_CANDIDATE } from './ltc.ts';
import { isSolanaKey, SOL_CANDIDATE, SOL_CONTEXT } from './sol.ts';
import { isTronAddress, TRON_CANDIDATE } from './tron.ts';
import { isMoneroAddress, XMR_CANDIDATE } from './xmr.ts';
import { isXrpAddress, XRP_CANDIDATE } from './xrp.ts';

export type Chain = 'BTC' | 'ETH' | 'TRX' | 'SOL' | 'LTC' | 'XMR' | 'DOGE' | 'XRP' | 'ADA';

export interface WalletHit {
  value: string;
  chain: Chain;
  /** What proved it: a checksum, only its shape (all-lower-case EVM), or the chain named nearby. */
  checked: 'wallet-checksum' | 'wallet-no-checksum' | 'wallet-context';
  start: number;
  end: number;
}

interface ChainRule {
  chain: Chain;
  pattern: RegExp;
  valid: (s: string) => boolean;
  /** Unchecked encodings need the chain named within this window of the line. */
  context?: RegExp;
}

const RULES: readonly ChainRule[] = [
  { chain: 'ETH', pattern: EVM_CANDIDATE, valid: isEvmAddress },
  { chain: 'BTC', pattern: BTC_CANDIDATE, valid: isBtcAddress },
  { chain: 'LTC', pattern: LTC_CANDIDATE, valid: isLtcAddress },
  { chain: 'TRX', pattern: TRON_CANDIDATE, valid: isTronAddress },
  { chain: 'DOGE', pattern: DOGE_CANDIDATE, valid: isDogeAddress },
  { chain: 'XRP', pattern: XRP_CANDIDATE, valid: isXrpAddress },
  { chain: 'ADA', pattern: ADA_CANDIDATE, valid: isCardanoAddress },
  { chain: 'XMR', pattern: XMR_CANDIDATE, valid: isMoneroAddress, context: /\b(?:monero|XMR)\b/i },
  { chain: 'SOL', pattern: SOL_CANDIDATE, valid: isSolanaKey, context: SOL_CONTEXT },
];

/** Each rule's pattern as a whole-text scan, built once. */
const SCANS = RULES.map((rule) => new RegExp(rule.pattern.source, 'g'));

/**
 * `contextOf(start, end)` returns the text that may name the chain (the line and its label);
 * it is only called for chains without a checksum.
 */
export function findWallets(text: string, contextOf: (start: number, end: number) => string): WalletHit[] {
  const hits: WalletHit[] = [];
  const taken = new Uint8Array(text.length);
  const overlaps = (s: number, e: number) => taken.subarray(s, e).includes(1);
  for (const [k, rule] of RULES.entries()) {
    const re = SCANS[k] as RegExp;
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const value = m[0];
      const start = m.index;
      const end = start + value.length;
      if (overlaps(start, end) || !rule.valid(value)) continue;
      if (rule.context && !rule.context.test(contextOf(start, end))) continue;
      const checked = rule.context
        ? 'wallet-context'
        : rule.chain === 'ETH' && !(/[a-f]/.test(value.slice(2)) && /[A-F]/.test(value.slice(2)))
          ? 'wallet-no-checksum'
          : 'wallet-checksum';
      hits.push({ value, chain: rule.chain, checked, start, end });
      taken.fill(1, start, end);
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

export {
  isBtcAddress,
  isCardanoAddress,
  isDogeAddress,
  isEvmAddress,
  isLtcAddress,
  isMoneroAddress,
  isSolanaKey,
  isTronAddress,
  isXrpAddress,
};
