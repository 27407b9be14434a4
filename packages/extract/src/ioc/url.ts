// URLs with a scheme, and host/path references without one ("bitbucket.org/team/repo").
import { parse } from 'tldts';

export interface UrlHit {
  value: string;
  host: string;
  start: number;
  end: number;
}

// Character classes only, each quantifier bounded: linear on any input.
const WITH_SCHEME = /\b(?:https?|ftp|sftp|wss?):\/\/[^\s<>"'`\\^{}|[\]]{1,2048}/gi;
const WITHOUT_SCHEME = /(?<![\w@./:-])(?:[a-z0-9-]{1,63}\.){1,8}[a-z]{2,24}\/[^\s<>"'`\\^{}|[\]]{1,2048}/gi;

/** Drops punctuation that ends the sentence rather than the URL, and unbalanced closers. */
export function trimUrl(raw: string): string {
  let s = raw;
  for (;;) {
    const last = s[s.length - 1];
    if (last === undefined) return s;
    if ('.,;:!?*'.includes(last)) s = s.slice(0, -1);
    else if (last === ')' && (s.match(/\(/g)?.length ?? 0) < (s.match(/\)/g)?.length ?? 0)) s = s.slice(0, -1);
    else return s;
  }
}

function hostOf(url: string): string {
  const m = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^@/?#]*@)?([^/?#:]+)/i.exec(url);
  return (m?.[1] ?? '').toLowerCase().replace(/\.$/, '');
}

function validHost(host: string): boolean {
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(host)) return true;
  const p = parse(host, { allowPrivateDomains: true });
  return p.domain !== null && (p.isIcann === true || p.isPrivate === true) && p.hostname === host;
}

export function findUrls(text: string): UrlHit[] {
  const hits: UrlHit[] = [];
  const push = (start: number, raw: string) => {
    const value = trimUrl(raw);
    const host = hostOf(value);
    if (!host || !validHost(host)) return;
    hits.push({ value, host, start, end: start + value.length });
  };
  WITH_SCHEME.lastIndex = 0;
  for (let m = WITH_SCHEME.exec(text); m !== null; m = WITH_SCHEME.exec(text)) push(m.index, m[0]);
  WITHOUT_SCHEME.lastIndex = 0;
  for (let m = WITHOUT_SCHEME.exec(text); m !== null; m = WITHOUT_SCHEME.exec(text)) {
    const start = m.index;
    if (hits.some((h) => start >= h.start && start < h.end)) continue;
    push(start, m[0]);
  }
  return hits.sort((a, b) => a.start - b.start);
}
