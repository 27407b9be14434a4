export { extract } from './extract.ts';
export { plainDocument } from './plain-document.ts';
export type { Refanged } from './refang.ts';
export { originalSpan, refang, refangWithMap } from './refang.ts';
export { toChecksumAddress } from './wallets/evm.ts';
export {
  isBtcAddress,
  isEvmAddress,
  isLtcAddress,
  isMoneroAddress,
  isSolanaKey,
  isTronAddress,
} from './wallets/index.ts';
