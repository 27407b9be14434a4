import { expect, test } from 'vitest';
import { roleOfHref, siteOf } from './links.ts';

test.each([
  { href: 'https://twitter.com/intent/tweet?text=x', site: 'www.justice.gov', role: 'share' },
  { href: 'https://x.com/intent/post?url=y', site: undefined, role: 'share' },
  { href: 'https://www.facebook.com/sharer/sharer.php?u=z', site: undefined, role: 'share' },
  { href: 'https://www.linkedin.com/shareArticle?mini=true', site: undefined, role: 'share' },
  { href: 'mailto:?subject=Read%20this', site: undefined, role: 'share' },
  { href: 'mailto:tips@fbi.gov', site: 'www.justice.gov', role: undefined },
  { href: 'https://www.justice.gov/opa', site: 'www.justice.gov', role: 'publisher' },
  { href: 'https://justice.gov/usao', site: 'www.justice.gov', role: 'publisher' },
  { href: 'https://news.bbc.co.uk/x', site: 'www.bbc.co.uk', role: 'publisher' },
  { href: 'https://www.reuters.com/world', site: 'www.justice.gov', role: 'reference' },
  { href: 'https://therecord.media/lazarus', site: undefined, role: 'reference' },
  { href: 'https://evil-c2.example.net/panel', site: 'www.justice.gov', role: undefined },
])('$href on $site -> $role', ({ href, site, role }) => {
  expect(roleOfHref(href, site)).toBe(role);
});

test.each([
  ['www.justice.gov', 'justice.gov'],
  ['blog.example-security.com', 'example-security.com'],
  ['www.ncsc.gov.uk', 'ncsc.gov.uk'],
  ['localhost', 'localhost'],
])('siteOf(%s) = %s', (host, site) => {
  expect(siteOf(host)).toBe(site);
});
