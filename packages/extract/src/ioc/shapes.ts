// Shape validators: strings that parse as a domain, an IPv4 address or a digest but are
// something else (a Java package, a COM ProgID, a file name, a version, a key, a placeholder).
// Every check is a few string operations on one short token, so the token finder stays linear.
import { sha3_256 } from '@noble/hashes/sha3.js';
import { base32 } from '@scure/base';
import { getDomainWithoutSuffix } from 'tldts';

const lower = (s: string) => s.toLowerCase();

// ---- reverse-DNS identifiers ----

/** First labels of reverse-DNS names that are (almost) never the leftmost label of a hostname. */
const REVERSE_ROOTS = new Set([
  'com',
  'org',
  'net',
  'edu',
  'gov',
  'mil',
  'java',
  'javax',
  'jdk',
  'kotlin',
  'kotlinx',
  'androidx',
  'dalvik',
]);
/** First labels that are reverse-DNS roots but also real host labels (android.googleapis.com, io.adafruit.com). */
const WEAK_REVERSE_ROOTS = new Set(['android', 'io']);
const HOST_TLDS = new Set(['com', 'net', 'org']);
const JAVA_IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]{0,62}$/;

/** A label that mixes cases the way a class or a camel-case identifier does: MainActivity, mShop. */
const mixedCase = (label: string) => /[a-z]/.test(label) && /[A-Z]/.test(label);

// Android/Java package names (com.tencent.mm, org.apache.commons.io) end in labels that are TLDs too.
export function isReverseDnsIdentifier(value: string): boolean {
  const firstDot = value.indexOf('.');
  // Three labels at least, and a reverse-DNS root first: most hosts leave here.
  if (firstDot < 0 || value.indexOf('.', firstDot + 1) < 0) return false;
  const first = lower(value.slice(0, firstDot));
  const strong = REVERSE_ROOTS.has(first);
  if (!strong && !WEAK_REVERSE_ROOTS.has(first)) return false;
  const labels = value.split('.');
  // A Java identifier has no hyphen and starts with no digit: "com.evil-update.net" is a host.
  if (!labels.every((l) => JAVA_IDENTIFIER.test(l))) return false;
  if (strong) return true;
  if (labels.slice(1).some(mixedCase)) return true;
  return !HOST_TLDS.has(lower(labels[labels.length - 1] as string));
}

// ---- COM ProgIDs and .NET type names ----

/** ProgID and namespace roots, for the all-capitals spelling (MSXML2.XMLHTTP, WSCRIPT.SHELL). */
const PROGID_ROOTS = new Set([
  'wscript',
  'scripting',
  'shell',
  'adodb',
  'msxml',
  'msxml2',
  'microsoft',
  'winhttp',
  'system',
  'excel',
  'word',
  'outlook',
  'powerpoint',
  'internetexplorer',
  'schedule',
  'hnetcfg',
  'scriptlet',
  'mmc20',
  'cdo',
]);

// WScript.Shell, ADODB.Stream, System.Net: a capital in the TLD position is a type name, not a host.
export function isProgId(value: string): boolean {
  const dot = value.lastIndexOf('.');
  if (dot <= 0) return false;
  const tld = value.slice(dot + 1);
  // Both rules need a capital in the TLD position; most hosts leave here.
  if (!/[A-Z]/.test(tld)) return false;
  if (value !== value.toUpperCase()) return true;
  return PROGID_ROOTS.has(lower(value.slice(0, value.indexOf('.'))));
}

// ---- file names ----

/** TLDs that are also common file extensions: a bare "name.ext" with one of these is a file. */
export const FILE_TLDS = new Set([
  'zip',
  'mov',
  'md',
  'py',
  'sh',
  'rs',
  'pl',
  'pm',
  'ps',
  'so',
  'one',
  'pub',
  'cab',
  'java',
  'map',
  'tf',
]);
/** A label that is itself a file extension: the "pdf" of "invoice.pdf.zip". */
const EXTENSION_LABEL =
  /^(?:exe|dll|scr|pdf|docx?|docm|xlsx?|xlsm|pptx?|rtf|txt|csv|jpe?g|png|gif|bmp|svg|html?|js|ts|json|xml|tar|iso|img|lnk|vbs|hta|msi|apk|jar|bin|dat|min|bak|old|\d{1,4}|v\d{1,4}|x64|x86|arm64)$/i;
/** TLDs popular with developers, read as file names only after a typical base name (main.dev). */
const DEV_TLDS = new Set(['io', 'ai', 'me', 'do', 'dev', 'app', 'team', 'info', 'nl', 'hr', 'cc', 'sb']);
const DEV_BASENAME =
  /^(?:index|main|app|setup|install|run|build|config|package|script|server|client|test|utils?|readme|program|module)$/i;

export interface FileNameInput {
  /** The candidate as written, e.g. "invoice.zip". */
  readonly value: string;
  /** True when the text defanged it ("invoice[.]zip"): a writer defangs hosts, not file names. */
  readonly defanged: boolean;
}

// invoice.zip, readme.md, main.py, invoice.pdf.zip: file names whose extension is also a TLD.
export function isFileName({ value, defanged }: FileNameInput): boolean {
  if (defanged) return false;
  const dot = value.lastIndexOf('.');
  if (dot <= 0) return false;
  const tld = lower(value.slice(dot + 1));
  const labels = value.split('.');
  if (FILE_TLDS.has(tld)) {
    // "cdn.evil.zip" is a host; "Scan.Salary.zip" (capitals) and "invoice.pdf.zip" are files.
    if (labels.length === 2 || /[A-Z]/.test(value)) return true;
    return EXTENSION_LABEL.test(labels[labels.length - 2] as string);
  }
  return labels.length === 2 && DEV_TLDS.has(tld) && DEV_BASENAME.test(labels[0] as string);
}

// ---- placeholders ----

/** Special-use and made-up TLDs (RFC 2606, RFC 6761, home networks, docs). */
const PLACEHOLDER_TLDS = new Set([
  'example',
  'test',
  'invalid',
  'localhost',
  'local',
  'lan',
  'internal',
  'intranet',
  'localdomain',
  'tld',
]);
/** Registrable labels that documentation uses in place of a real name. */
const PLACEHOLDER_LABELS = new Set([
  'example',
  'domain',
  'yourdomain',
  'your-domain',
  'mydomain',
  'my-domain',
  'yoursite',
  'your-site',
  'mysite',
  'yourcompany',
  'your-company',
  'mycompany',
  'yourserver',
  'redacted',
  'placeholder',
]);
/** A label that masks a name: xxx, XXXX, ***, ???. */
const MASK_LABEL = /(?:^|\.)(?:x{3,63}|\*{1,63}|\?{1,63})(?:\.|$)/i;

// example.com, host.test, yourdomain.com, xxx.xxx: documentation values, never an indicator.
export function isPlaceholderDomain(value: string, name?: string | null): boolean {
  const host = lower(value);
  const end = host.endsWith('.') ? host.length - 1 : host.length;
  if (PLACEHOLDER_TLDS.has(host.slice(host.lastIndexOf('.', end - 1) + 1, end))) return true;
  if (MASK_LABEL.test(host)) return true;
  // `name` is what a caller's own tldts parse found, to spare a second parse.
  const label = name === undefined ? getDomainWithoutSuffix(host) : name;
  return label !== null && PLACEHOLDER_LABELS.has(lower(label));
}

// ---- onion services ----

const ONION_V2 = /^[a-z2-7]{16}$/;
const ONION_V3 = /^[a-z2-7]{56}$/;
const ONION_SALT = new TextEncoder().encode('.onion checksum');

// A .onion host is a key, not a name: v2 is 16 base32 characters, v3 is 56. A report's value is
// kept as published, so the v3 checksum is checked only when asked (`checksum: true`).
export function isOnionAddress(value: string, { checksum = false }: { checksum?: boolean } = {}): boolean {
  const labels = lower(value).split('.');
  if (labels[labels.length - 1] !== 'onion' || labels.length < 2) return false;
  const key = labels[labels.length - 2] as string;
  if (ONION_V2.test(key)) return true;
  if (!ONION_V3.test(key)) return false;
  return !checksum || onionV3ChecksumHolds(key);
}

/** The v3 address embeds a version byte (3) and two bytes of SHA3-256 over its public key. */
function onionV3ChecksumHolds(key: string): boolean {
  const bytes = base32.decode(key.toUpperCase());
  if (bytes[34] !== 3) return false;
  const input = new Uint8Array(ONION_SALT.length + 33);
  input.set(ONION_SALT, 0);
  input.set(bytes.subarray(0, 32), ONION_SALT.length);
  input[input.length - 1] = 3;
  const sum = sha3_256(input);
  return sum[0] === bytes[32] && sum[1] === bytes[33];
}

// ---- IPv4 ----

/** A dotted quad: four decimal parts 0-255 without leading zeros. */
export function isIpv4(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c < 48 || c > 57) return false;
  const parts = s.split('.');
  return (
    parts.length === 4 &&
    parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255 && !(p.length > 1 && p.startsWith('0')))
  );
}

const VERSION_BEFORE =
  /(?:\b(?:v|ver|version|versions|release|rel|build|firmware|fw|patch|kernel|sdk|section|chapter|clause|paragraph|para|table|figure|fig|oid)\.?|§)\s{0,3}[:#]?\s{0,3}$/i;
const VERSION_AFTER = /^(?:[-+~_](?:alpha|beta|rc|pre|dev|snapshot|final|release|build|git|nightly|lts)|\.\d)/i;

// "version 1.2.3.4", "1.2.3.4-beta", "1.3.6.1.4": a dotted quad in a version or a longer number.
export function isVersionLikeIpv4(text: string, start: number, end: number): boolean {
  return (
    VERSION_BEFORE.test(text.slice(Math.max(0, start - 16), start)) ||
    VERSION_AFTER.test(text.slice(end, end + 12)) ||
    (start >= 2 && text[start - 1] === '.' && /\d/.test(text[start - 2] as string))
  );
}

// ---- hex digests ----

const KEY_BEFORE =
  /(?:boundary|token|secret|password|passwd|nonce|session(?:id)?|cookie|csrf|xsrf|signature|bearer|licen[cs]e|serial|(?:api|access|private|secret|client|app)[_-]?(?:key|id)|(?<![A-Za-z])(?:key|iv|pwd|salt|sid|sig|auth|uuid|guid))["']?\s{0,3}[:=]?\s{0,3}["']?$/i;

// A hex run that is a key, a token or a piece of base64 is no file digest.
export function isKeyLikeHex(text: string, start: number, end: number): boolean {
  // Inside a base64 blob: "...+3f2a.../", "3f2a...==" ("md5=3f2a..." is a label, so "=" counts after only).
  const before = text[start - 1];
  const after = text[end];
  if (before === '+' || before === '/' || after === '+' || after === '/' || after === '=') return true;
  return KEY_BEFORE.test(text.slice(Math.max(0, start - 24), start));
}

// 000...0, ffff...f, 0123456789abcdef repeated: placeholders in documentation, not digests.
export function isPlaceholderHex(value: string): boolean {
  // Case-folded compare without a copy: "| 32" maps A-F to a-f and leaves digits alone.
  const n = value.length;
  for (let period = 1; period <= 16; period++) {
    if (n % period !== 0) continue;
    let i = period;
    while (i < n && (value.charCodeAt(i) | 32) === (value.charCodeAt(i - period) | 32)) i++;
    if (i === n) return true;
  }
  return false;
}
