// One decision per value, with its reasons: kept mentions say what found them and what counted,
// and candidates no mention kept are reported as dropped with the rule that left them out.
import { describe, expect, test } from 'vitest';
import { extract } from './extract.ts';
import { plainDocument } from './plain-document.ts';

describe('reasons and dropped candidates', () => {
  const text = [
    'Indicators of compromise:',
    'hxxps://relay-sync-cdn[.]net/gate.php',
    'The implant tests its connection against 1.1.1.1 and google.com first.',
    '',
    'Background: the same host, relay-sync-cdn.net, was reported last year.',
  ].join('\n');
  const result = extract(plainDocument(text));

  test('a kept mention records the rule that found it and the features that counted', () => {
    const url = result.findings.find((f) => f.type === 'url');
    expect(url?.evidence[0]?.reasons).toEqual(expect.arrayContaining(['found:url', 'defanged', 'zone:indicators']));
  });

  test('a benign value is dropped with the list that knows it', () => {
    const dropped = result.dropped ?? [];
    expect(dropped.find((d) => d.value === '1.1.1.1')?.reasons).toEqual(['benign:public-dns']);
    expect(dropped.find((d) => d.value === 'google.com')?.reasons[0]).toMatch(/^benign:|^platform$/);
  });

  test('a value kept by one mention is not reported as dropped by another', () => {
    expect(result.findings.some((f) => f.value === 'relay-sync-cdn.net')).toBe(true);
    expect((result.dropped ?? []).some((d) => d.value === 'relay-sync-cdn.net')).toBe(false);
  });
});
