// Domains, IPv4 addresses and hashes, found by cutting the text into runs of [A-Za-z0-9._-]
// (one linear pass) and classifying each short run with anchored patterns. This keeps
// pathological input (a megabyte of dots or digits) linear.
import { parse } from 'tldts';

export type TokenKind = 'domain-name' | 'ipv4-addr' | 'MD5' | 'SHA-1' | 'SHA-256' | 'SHA-512';

export interface TokenHit {
  kind: TokenKind;
  value: string;
  start: number;
  end: number;
}

const MAX_TOKEN = 300;

/** Top-level labels that are far more often file extensions than domains in reports. */
const FILE_LIKE_TLDS = new Set([
  'py',
  'sh',
  'md',
  'rs',
  'pl',
  'ps',
  'so',
  'zip',
  'mov',
  'sb',
  'bat',
  'cs',
  'ts',
  'js',
  'cc',
  'go',
  'rb',
  'ai',
  'nl',
  'io',
  'do',
  'dev',
  'app',
  'hr',
  'team',
  'me',
  'info',
]);
/** Extensions that end file names, never hosts. */
const FILE_EXTENSIONS =
  /\.(?:exe|dll|sys|bin|dat|tmp|log|ldb|txt|csv|json|xml|ya?ml|ini|cfg|conf|pdf|docx?|xlsx?|pptx?|rtf|odt|png|jpe?g|gif|bmp|svg|ico|webp|css|html?|php|aspx?|jsp|js|mjs|ts|tsx|py|pyc|rb|go|rs|java|class|jar|apk|ipa|dmg|pkg|msi|iso|img|lnk|vbs|ps1|bat|cmd|sh|zip|rar|7z|tar|gz|tgz|bz2|xz|dmp|db|sqlite|tif|psd|dib|scr|hta|wsf|one|chm|lock|env|map|min|woff2?|ttf|eot)$/i;

const HASH_KINDS: Record<number, TokenKind> = { 32: 'MD5', 40: 'SHA-1', 64: 'SHA-256', 128: 'SHA-512' };

function ipv4(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c < 48 || c > 57) return false;
  const parts = s.split('.');
  return (
    parts.length === 4 &&
    parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255 && !(p.length > 1 && p.startsWith('0')))
  );
}

export function classifyDomain(s: string): boolean {
  if (s.length > 253 || !s.includes('.') || FILE_EXTENSIONS.test(s)) return false;
  const labels = s.split('.');
  if (labels.some((l) => l.length === 0 || l.length > 63 || l.startsWith('-') || l.endsWith('-') || l.includes('_')))
    return false;
  const tld = (labels[labels.length - 1] as string).toLowerCase();
  if (!/^[a-z]{2,24}$/.test(tld)) return false;
  const p = parse(s, { allowPrivateDomains: true });
  if (p.domain === null || p.hostname !== s.toLowerCase() || !(p.isIcann || p.isPrivate)) return false;
  // "main.py", "index.js", "Program.cs": two labels with a file-like TLD read as a file name.
  if (
    labels.length === 2 &&
    FILE_LIKE_TLDS.has(tld) &&
    /^(?:index|main|app|setup|install|run|build|config|package|script|server|client|test|utils?|readme|program|module)$/i.test(
      labels[0] as string,
    )
  )
    return false;
  return true;
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

export function findTokens(text: string): TokenHit[] {
  const hits: TokenHit[] = [];
  forEachRun(text, (from, to, dotted) => {
    // Trim separators that belong to the sentence (the run starts with a letter or digit).
    let end = to;
    while (end > from && runChar(text, end - 1) === 1) end--;
    const start = from;
    // Most runs are words: no dot and not a digest's length, so nothing below can match.
    if (HASH_KINDS[end - start] === undefined && !dotted) return;
    const raw = text.slice(start, end);
    if (!raw) return;
    const before = text[start - 1];
    if (before === '%' || before === '\\' || before === '/' || before === '@') return;
    if (/^[0-9a-fA-F]+$/.test(raw) && HASH_KINDS[raw.length]) {
      if (!/^\d+$/.test(raw))
        hits.push({ kind: HASH_KINDS[raw.length] as TokenKind, value: raw.toLowerCase(), start, end });
      return;
    }
    if (ipv4(raw)) {
      hits.push({ kind: 'ipv4-addr', value: raw, start, end });
      return;
    }
    if (/[a-z]/i.test(raw) && raw.includes('.') && classifyDomain(raw))
      hits.push({ kind: 'domain-name', value: raw.toLowerCase(), start, end });
  });
  return hits;
}
