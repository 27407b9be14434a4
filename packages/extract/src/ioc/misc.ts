// Small, self-describing identifiers: CVE ids, AS numbers, IPv6 and MAC addresses.
export interface SimpleHit {
  value: string;
  start: number;
  end: number;
}

function all(re: RegExp, text: string, map: (m: RegExpExecArray) => string | undefined): SimpleHit[] {
  const out: SimpleHit[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const value = map(m);
    if (value) out.push({ value, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

export function findCves(text: string): SimpleHit[] {
  return all(/\bCVE-(\d{4})-(\d{4,7})\b/gi, text, (m) => `CVE-${m[1]}-${m[2]}`);
}

/** "AS196689", "ASN 196689", "AS 13335": the number only. */
export function findAsns(text: string): SimpleHit[] {
  return all(/\bAS(?:N)?[ :#]?(\d{1,10})\b/g, text, (m) => {
    const n = Number(m[1]);
    return n > 0 && n < 4294967296 ? String(n) : undefined;
  });
}

const MAC = /(?<![\w:-])[0-9A-Fa-f]{2}(?:([:-])[0-9A-Fa-f]{2}){5}(?![\w:-])/y;
const HEX = /[0-9A-Fa-f]/;

/**
 * Offsets of every `sep` character, ascending. These shapes are tried only where a separator
 * stands, found with indexOf, rather than from every offset of the text (the lookbehind a
 * whole-text scan starts with costs at each one).
 */
function offsetsOf(text: string, seps: readonly string[]): number[] {
  const out: number[] = [];
  for (const sep of seps) for (let i = text.indexOf(sep); i >= 0; i = text.indexOf(sep, i + 1)) out.push(i);
  return seps.length > 1 ? out.sort((a, b) => a - b) : out;
}

export function findMacs(text: string): SimpleHit[] {
  const out: SimpleHit[] = [];
  let end = 0;
  for (const p of offsetsOf(text, [':', '-'])) {
    // The first separator of a MAC has two hex digits before it.
    const start = p - 2;
    if (start < end || !HEX.test(text[start] ?? '') || !HEX.test(text[p - 1] ?? '')) continue;
    MAC.lastIndex = start;
    const m = MAC.exec(text);
    if (!m) continue;
    out.push({ value: m[0].toLowerCase().replaceAll('-', ':'), start, end: start + m[0].length });
    end = start + m[0].length;
  }
  return out;
}

const IPV6 = /(?<![\w:.])(?:[0-9a-f]{1,4}:){1,7}(?::|(?::[0-9a-f]{1,4}){1,7}|[0-9a-f]{1,4})(?:\/\d{1,3})?(?![\w:])/gi;

function validIpv6(s: string): boolean {
  const addr = s.split('/')[0] as string;
  const double = addr.split('::');
  if (double.length > 2) return false;
  const groups = addr.split(':').filter((g) => g !== '');
  if (double.length === 1 && groups.length !== 8) return false;
  if (double.length === 2 && groups.length > 7) return false;
  // A time (12:30:45) or a Bible-style reference is no address: ask for a hex letter or '::'.
  return (
    groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g)) &&
    (addr.includes('::') || /[a-f]/i.test(addr)) &&
    groups.length >= 3
  );
}

const IPV6_AT = new RegExp(IPV6.source, 'iy');
const HEX_OR_COLON = /[0-9A-Fa-f:]/;

export function findIpv6(text: string): SimpleHit[] {
  const out: SimpleHit[] = [];
  let tried = -1;
  let end = 0;
  for (const p of offsetsOf(text, [':'])) {
    if (p < end) continue;
    // An address starts where its run of hex digits and colons does.
    let start = p;
    while (start > 0 && p - start < 45 && HEX_OR_COLON.test(text[start - 1] as string)) start--;
    if (start === tried) continue;
    tried = start;
    IPV6_AT.lastIndex = start;
    const m = IPV6_AT.exec(text);
    if (!m) continue;
    end = start + m[0].length;
    if (validIpv6(m[0])) out.push({ value: m[0].toLowerCase(), start, end });
  }
  return out;
}
