// Domains, IPv4 addresses and hashes, found by cutting the text into runs of [A-Za-z0-9._-]
// (one linear pass) and classifying each short run with anchored patterns. This keeps
// pathological input (a megabyte of dots or digits) linear.
import { parse } from 'tldts';
import { type Refanged, wasDefanged } from '../refang.ts';
import {
  isFileName,
  isIpv4,
  isKeyLikeHex,
  isOnionAddress,
  isPlaceholderDomain,
  isPlaceholderHex,
  isProgId,
  isReverseDnsIdentifier,
  isVersionLikeIpv4,
} from './shapes.ts';

export type TokenKind = 'domain-name' | 'ipv4-addr' | 'MD5' | 'SHA-1' | 'SHA-256' | 'SHA-512';

export interface TokenHit {
  kind: TokenKind;
  value: string;
  start: number;
  end: number;
}

const MAX_TOKEN = 300;

/** Extensions that end file names, never hosts (none of them is a TLD; those are in FILE_TLDS). */
const FILE_EXTENSIONS =
  /\.(?:exe|dll|sys|bin|dat|tmp|log|ldb|txt|csv|json|xml|ya?ml|ini|cfg|conf|pdf|docx?|docm|xlsx?|xlsm|pptx?|rtf|odt|png|jpe?g|gif|bmp|svg|ico|webp|css|html?|php|aspx?|jsp|js|mjs|ts|tsx|pyc|rb|go|class|jar|apk|ipa|dmg|pkg|msi|iso|img|lnk|vbs|ps1|bat|cmd|rar|7z|tar|gz|tgz|bz2|xz|dmp|db|sqlite|tif|psd|dib|scr|hta|wsf|chm|lock|env|min|woff2?|ttf|eot)$/i;

const HASH_KINDS: Record<number, TokenKind> = { 32: 'MD5', 40: 'SHA-1', 64: 'SHA-256', 128: 'SHA-512' };
/** 1 at the lengths of a digest: a typed-array read per run, cheaper than a keyed lookup. */
const HASH_LENGTH = Uint8Array.from({ length: 129 }, (_, n) => (HASH_KINDS[n] === undefined ? 0 : 1));
const isHashLength = (n: number) => n > 0 && n <= 128 && HASH_LENGTH[n] === 1;
const HEX = /^[0-9a-fA-F]+$/;

/** True when `s` reads as a hostname; `defanged` says the text defanged it, which a writer does to hosts only. */
export function classifyDomain(s: string, defanged = false): boolean {
  if (s.length > 253 || !s.includes('.') || FILE_EXTENSIONS.test(s)) return false;
  const labels = s.split('.');
  if (labels.some((l) => l.length === 0 || l.length > 63 || l.startsWith('-') || l.endsWith('-') || l.includes('_')))
    return false;
  const tld = (labels[labels.length - 1] as string).toLowerCase();
  if (!/^[a-z]{2,24}$/.test(tld)) return false;
  const p = parse(s, { allowPrivateDomains: true });
  if (p.domain === null || p.hostname !== s.toLowerCase() || !(p.isIcann || p.isPrivate)) return false;
  if (tld === 'onion') return isOnionAddress(s);
  // A writer defangs hosts, never a type name: "globalenergycertification[.]Net" is a host.
  return !(
    (!defanged && isProgId(s)) ||
    isReverseDnsIdentifier(s) ||
    isFileName({ value: s, defanged }) ||
    isPlaceholderDomain(s, p.domainWithoutSuffix)
  );
}

/** 2: [A-Za-z0-9], 1: [._-], 0: anything else (ASCII only; the rest is 0). */
const RUN_CHAR = Uint8Array.from({ length: 128 }, (_, c) => {
  const ch = String.fromCharCode(c);
  return /[A-Za-z0-9]/.test(ch) ? 2 : /[._-]/.test(ch) ? 1 : 0;
});
const runChar = (text: string, i: number) => {
  const c = text.charCodeAt(i);
  return c < 128 ? (RUN_CHAR[c] as number) : 0;
};

/**
 * Runs of [A-Za-z0-9._-] that start with a letter or digit (what RUN matches), scanned by hand
 * so that the words of a report cost no match object; `onRun` gets runs shorter than MAX_TOKEN.
 */
function forEachRun(text: string, onRun: (start: number, end: number, dotted: boolean) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (runChar(text, i) !== 2) {
      i++;
      continue;
    }
    const start = i;
    let dotted = false;
    while (i < n && i - start < MAX_TOKEN) {
      const k = runChar(text, i);
      if (k === 0) break;
      if (text.charCodeAt(i) === 46) dotted = true;
      i++;
    }
    if (i - start >= MAX_TOKEN) {
      // A run this long is no indicator; skip the rest of it too.
      while (i < n && runChar(text, i) !== 0) i++;
      continue;
    }
    onRun(start, i, dotted);
  }
}

/** `\\host\share`: a run right after the two backslashes that open a UNC path is its host. */
const uncHost = (text: string, start: number) =>
  start >= 2 && text[start - 1] === '\\' && text[start - 2] === '\\' && text[start - 3] !== '\\';

/**
 * Domains, IPv4 addresses and digests in `text`. Pass `refanged` (what `refangWithMap` returned
 * for the text) so that a value the writer defanged counts as a host ("invoice[.]zip"); without
 * it, the result of the latest `refangWithMap` call is used when its text is `text`.
 */
export function findTokens(text: string, refanged?: Refanged): TokenHit[] {
  const hits: TokenHit[] = [];
  const defanged = (s: number, e: number) => refanged !== undefined && wasDefanged(refanged, s, e);
  forEachRun(text, (from, to, dotted) => {
    // Trim separators that belong to the sentence (the run starts with a letter or digit).
    let end = to;
    while (end > from && runChar(text, end - 1) === 1) end--;
    const start = from;
    // Most runs are words: no dot and not a digest's length, so nothing below can match.
    if (!dotted && !isHashLength(end - start)) return;
    const raw = text.slice(start, end);
    if (!raw) return;
    const before = text[start - 1];
    // After "%" (URL-encoded), "/" (a path), "@" (a mailbox) or "_" (an identifier) the run is part of something else.
    if (before === '%' || before === '/' || before === '@' || before === '_') return;
    if (before === '\\' && !uncHost(text, start)) return;
    if (isHashLength(raw.length) && HEX.test(raw)) {
      if (!/^\d+$/.test(raw) && !isKeyLikeHex(text, start, end) && !isPlaceholderHex(raw))
        hits.push({ kind: HASH_KINDS[raw.length] as TokenKind, value: raw.toLowerCase(), start, end });
      return;
    }
    // "<md5>.exe": a sample named by its digest.
    const dot = raw.indexOf('.');
    if (isHashLength(dot) && /^\.[A-Za-z0-9]{1,8}$/.test(raw.slice(dot))) {
      const hex = raw.slice(0, dot);
      if (HEX.test(hex) && !/^\d+$/.test(hex) && !isKeyLikeHex(text, start, start + dot) && !isPlaceholderHex(hex)) {
        hits.push({ kind: HASH_KINDS[dot] as TokenKind, value: hex.toLowerCase(), start, end: start + dot });
        return;
      }
    }
    if (isIpv4(raw)) {
      if (!isVersionLikeIpv4(text, start, end)) hits.push({ kind: 'ipv4-addr', value: raw, start, end });
      return;
    }
    if (/[a-z]/i.test(raw) && raw.includes('.') && classifyDomain(raw, defanged(start, end)))
      hits.push({ kind: 'domain-name', value: raw.toLowerCase(), start, end });
  });
  return hits;
}
