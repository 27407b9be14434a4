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

export function findMacs(text: string): SimpleHit[] {
  return all(/(?<![\w:-])[0-9A-Fa-f]{2}(?:([:-])[0-9A-Fa-f]{2}){5}(?![\w:-])/g, text, (m) =>
    m[0].toLowerCase().replaceAll('-', ':'),
  );
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

export function findIpv6(text: string): SimpleHit[] {
  return all(IPV6, text, (m) => (validIpv6(m[0]) ? m[0].toLowerCase() : undefined));
}
