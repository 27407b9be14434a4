export {
  ADDRESS_CLASSES,
  type AddressClass,
  type AddressVerdict,
  classifyAddress,
  ipLiteralOf,
  refusalMessage,
} from './address-policy.ts';
export { type AllowList, parseAllowList } from './allow-list.ts';
export { DEFAULT_FETCHER_CONFIG, type FetcherConfig } from './config.ts';
export { type ResolvedAddress, type Resolver, resolveTarget, systemResolver } from './dns.ts';
export { type FetchedResponse, type SafeFetchOptions, safeFetch, USER_AGENT } from './http.ts';
export { decodeInline, type InlineDocument, type InlineSource } from './inline.ts';
export { createDirectorySeen, createMemorySeen, type Seen } from './seen.ts';
export {
  ALLOWED_CONTENT_TYPES,
  type AllowedContentType,
  type ContentType,
  parseContentType,
  sniffBytes,
  sniffContentType,
} from './sniff.ts';
export { createFetcherStage, type FetcherDeps, type FetcherOutput, type FetchFunction } from './stage.ts';
