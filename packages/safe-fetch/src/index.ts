// @stixmill/safe-fetch: GET a public http(s) URL without letting a hostile page reach internal
// addresses or exhaust memory (the SSRF guard, redirects re-checked, limits on time and size) and
// say what type the body is. Used by the fetcher and the feed watcher alike.
export {
  ADDRESS_CLASSES,
  type AddressClass,
  type AddressVerdict,
  classifyAddress,
  ipLiteralOf,
  refusalMessage,
} from './address-policy.ts';
export { type AllowList, parseAllowList } from './allow-list.ts';
export { type ResolvedAddress, type Resolver, resolveTarget, systemResolver } from './dns.ts';
export { type FetchedResponse, type SafeFetchOptions, safeFetch, USER_AGENT } from './http.ts';
export {
  ALLOWED_CONTENT_TYPES,
  type AllowedContentType,
  type ContentType,
  parseContentType,
  sniffBytes,
  sniffContentType,
} from './sniff.ts';
