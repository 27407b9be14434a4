// E-mail addresses, validated against the public suffix list.
import { parse } from 'tldts';
import { isPlaceholderDomain } from './shapes.ts';

export interface EmailHit {
  value: string;
  domain: string;
  start: number;
  end: number;
}

const EMAIL = /(?<![\w.%+-])[a-z0-9][a-z0-9._%+-]{0,63}@(?:[a-z0-9-]{1,63}\.){1,8}[a-z]{2,24}(?![\w-])/gi;

export function findEmails(text: string): EmailHit[] {
  const hits: EmailHit[] = [];
  EMAIL.lastIndex = 0;
  for (let m = EMAIL.exec(text); m !== null; m = EMAIL.exec(text)) {
    const value = m[0].toLowerCase();
    const domain = value.slice(value.indexOf('@') + 1);
    const p = parse(domain, { allowPrivateDomains: true });
    if (p.domain === null || !(p.isIcann || p.isPrivate)) continue;
    // "admin@yourdomain.com", "user@example.org": documentation, not a mailbox.
    if (isPlaceholderDomain(domain, p.domainWithoutSuffix)) continue;
    hits.push({ value, domain, start: m.index, end: m.index + m[0].length });
  }
  return hits;
}
