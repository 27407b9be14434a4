// The publisher read from the document itself (no fetched URL): its hosts, pages and contacts
// are no indicators; the adversary's values beside them still are.
import { describe, expect, test } from 'vitest';
import { extract } from './extract.ts';
import { plainDocument } from './plain-document.ts';
import { findPublisher, isPublisherHost, isPublisherPage } from './publisher.ts';

const values = (text: string) => extract(plainDocument(text)).findings.map((f) => f.value);

const report = (body: string, footer: string, header = 'Lanternfish Labs threat brief') =>
  [
    header,
    '',
    'Summary: an intrusion set we track staged a loader on rented servers.',
    '',
    body,
    '',
    'Analysis continues; the loader changed its packer twice in May.',
    '',
    footer,
  ].join('\n');

describe('the publisher from the document', () => {
  test('a source line in the header names the publisher site', () => {
    const text = report(
      'The loader called home to relay-sync-cdn.net.',
      'Thanks for reading.',
      'Source: https://research.lanternfish-labs.io/posts/loader-brief\nLanternfish Labs threat brief',
    );
    const got = values(text);
    expect(got).toContain('relay-sync-cdn.net');
    expect(got.some((v) => v.includes('lanternfish-labs.io'))).toBe(false);
  });

  test('a footer brings its site, its mailbox and its brand', () => {
    const footer =
      '© 2026 Lanternfish Labs, Inc. All rights reserved. Contact us at intel@lanternfish-labs.io or www.lanternfish-labs.io';
    const text = report('The loader called home to relay-sync-cdn.net and lanternfishlabs-cdn.com.', footer);
    const got = values(text);
    expect(got).toContain('relay-sync-cdn.net');
    expect(got).not.toContain('intel@lanternfish-labs.io');
    expect(got).not.toContain('www.lanternfish-labs.io');
    // A host carrying the brand ("lanternfishlabs-cdn.com") is the publisher's too.
    expect(got).not.toContain('lanternfishlabs-cdn.com');
  });

  test('"our GitHub page" names a page of the publisher on a shared platform, not the platform', () => {
    const publisher = findPublisher(
      plainDocument('The full list is on our GitHub page: https://github.com/lanternfish-labs/iocs/blob/main/a.csv'),
    );
    expect(isPublisherPage(publisher, 'https://github.com/lanternfish-labs/iocs')).toBe(true);
    expect(isPublisherPage(publisher, 'https://github.com/loader-dev-42/stage2')).toBe(false);
    expect(isPublisherHost(publisher, 'github.com')).toBe(false);
  });

  test('a block near the end that speaks of the adversary is no footer, whatever words it has', () => {
    const text = report(
      'Indicators follow.',
      'Victims were asked to sign up at https://wallet-signup-portal.com before the payload ran.',
    );
    expect(values(text)).toContain('wallet-signup-portal.com');
  });

  test('a short note has no footer apart from its body', () => {
    const text = 'Subscribe-themed lure: the page at https://newsletter-confirm-mail.com asks for a login.';
    expect(values(text)).toContain('https://newsletter-confirm-mail.com');
  });
});
