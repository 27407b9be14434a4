// How far a "this is not the adversary's" cue reaches: a statement governs its block, a bare word
// ("legitimate", "benign") only its own sentence or line, and neither reaches the next section.
import { describe, expect, test } from 'vitest';
import { extract } from './extract.ts';
import { plainDocument } from './plain-document.ts';

const values = (text: string) => extract(plainDocument(text)).findings.map((f) => f.value);

describe('cue scope', () => {
  test('a bare "legitimate" in a list heading vetoes none of the values under it', () => {
    const text = [
      'Legitimate-looking domains the operators registered:',
      'office-update-check.com',
      'teams-sync-cdn.net',
    ].join('\n');
    expect(values(text)).toEqual(expect.arrayContaining(['office-update-check.com', 'teams-sync-cdn.net']));
  });

  test('"legitimate" on the value\'s own line vetoes it, not its neighbours', () => {
    const text = [
      'Hosts contacted:',
      'relay-mesh-cdn.net',
      'A legitimate mirror, fastpkg-mirror.org, was also polled.',
    ].join('\n');
    const got = values(text);
    expect(got).toContain('relay-mesh-cdn.net');
    expect(got).not.toContain('fastpkg-mirror.org');
  });

  test('a defanged value stays even where its line calls something legitimate', () => {
    expect(values('login-portal-verify[.]com impersonates a legitimate sign-in page.')).toContain(
      'login-portal-verify.com',
    );
  });

  test('a statement that a value is not theirs reaches the other sentences of its block', () => {
    const text =
      'The lure name-drops a real exchange (kestrel-trade.com) and links its careers page. That is the impersonated brand, not their infra.';
    expect(values(text)).not.toContain('kestrel-trade.com');
  });

  test('the same statement one block away does not apply', () => {
    const text = [
      'The lure name-drops a real exchange and links its careers page. That is the impersonated brand, not their infra.',
      '',
      'Second stage:',
      'The loader then fetched its payload from kestrel-trade-cdn.com.',
    ].join('\n');
    expect(values(text)).toContain('kestrel-trade-cdn.com');
  });

  test('"should not block" is a statement about the values beside it', () => {
    expect(values('Network defenders should not block pkg-registry-mirror.org during cleanup.')).not.toContain(
      'pkg-registry-mirror.org',
    );
  });

  test('a "Source: URL" line heads nothing: the values after it are the report\'s', () => {
    const text = [
      'Source: https://notes.example-research.io/p/42',
      '',
      'Summary of the activity.',
      '',
      'The loader called home to relay-sync-cdn.net.',
    ].join('\n');
    expect(values(text)).toContain('relay-sync-cdn.net');
  });

  test('a references heading governs its list, and the next heading ends it', () => {
    const text = [
      'References',
      '',
      'https://blog.other-vendor.net/2025/loader-analysis',
      '',
      'Indicators',
      '',
      'relay-sync-cdn.net',
    ].join('\n');
    const got = values(text);
    expect(got).not.toContain('https://blog.other-vendor.net/2025/loader-analysis');
    expect(got).toContain('relay-sync-cdn.net');
  });

  test("a list item marked as the victim's does not mark the next item", () => {
    const text = [
      'Wallets',
      '',
      '- 0x52908400098527886e0f7030069857d2e4169ee7 - Victim',
      '- 0x8617e340b3d01fa5f11f306f4090fd50e238070d - Theft',
    ].join('\n');
    const got = values(text).map((v) => v.toLowerCase());
    expect(got).toContain('0x8617e340b3d01fa5f11f306f4090fd50e238070d');
    expect(got).not.toContain('0x52908400098527886e0f7030069857d2e4169ee7');
  });
});

describe('reference headings', () => {
  test('a "Background" section is prose of the report: its names count', () => {
    const text = ['### Background', 'Earlier campaigns were run by FIN7 with the Carbanak backdoor.'].join('\n');
    expect(values(text)).toEqual(expect.arrayContaining(['FIN7']));
  });

  test('"Background reading" heads cited reports: their titles name no actor of this one', () => {
    const text = ['### Background reading', '- FIN7 returns with new lures (2019)'].join('\n');
    expect(values(text)).not.toContain('FIN7');
  });
});

describe('a references heading the parser marked', () => {
  // Blocks as the parser emits them for a page: heading blocks apart from the prose under them.
  const parsed = (parts: Array<['heading' | 'paragraph', string]>) => {
    const doc = plainDocument(parts.map(([, t]) => t).join('\n\n'));
    return { ...doc, blocks: doc.blocks.map((b, i) => ({ ...b, kind: parts[i]?.[0] ?? 'paragraph' })) };
  };
  const found = (parts: Array<['heading' | 'paragraph', string]>) =>
    extract(parsed(parts)).findings.map((f) => f.value);

  test('governs the prose blocks under it, up to the next heading', () => {
    const got = found([
      ['heading', 'References'],
      ['paragraph', 'We list earlier work. March 2019: Carbanak returns with new lures.'],
      ['heading', 'Indicators'],
      ['paragraph', 'The loader called hxxps://cdn-relay-sync[.]net/gate and TrickBot ran it.'],
    ]);
    expect(got).not.toContain('Carbanak');
    expect(got).toEqual(expect.arrayContaining(['https://cdn-relay-sync.net/gate', 'TrickBot']));
  });

  test('the same prose under another heading counts', () => {
    const got = found([
      ['heading', 'Analysis'],
      ['paragraph', 'We list earlier work. March 2019: Carbanak returns with new lures.'],
    ]);
    expect(got).toContain('Carbanak');
  });
});
