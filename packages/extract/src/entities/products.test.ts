// A catalogue name that the sentence makes a product people use: a wallet, a browser, a mail
// client listed as such, or a name beside a well-known brand. Written for the rule, with names
// from vendor alias lists that double as product names.
import { describe, expect, test } from 'vitest';
import { extract } from '../extract.ts';
import { plainDocument } from '../plain-document.ts';

const found = (text: string) => {
  const result = extract(plainDocument(text));
  return {
    names: result.findings
      .filter((f) => f.type === 'malware' || f.type === 'tool' || f.type === 'intrusion-set')
      .map((f) => f.value),
    dropped: (result.dropped ?? []).map((d) => `${d.reasons.join(',')}:${d.value}`),
  };
};

describe('products the sentence names are not threats', () => {
  test('a list of cryptocurrency wallets: its items are wallets (ELECTRUM is also an alias of Sandworm)', () => {
    const { names, dropped } = found(
      'The stealer takes keys from cryptocurrency wallets, including Electrum, MultiBit, Jaxx Liberty and Exodus.',
    );
    expect(names).toEqual([]);
    expect(dropped.some((d) => d.startsWith('product-list:'))).toBe(true);
  });

  test('a name beside a well-known brand, matched only through a vendor alias, is that product', () => {
    const { names, dropped } = found('It also steals saved passwords from Foxmail and Outlook on the host.');
    expect(names).toEqual([]);
    expect(dropped.some((d) => d.startsWith('beside-brand:'))).toBe(true);
  });

  test('the same names where the text speaks of the threat stay', () => {
    expect(found('ELECTRUM, the group behind the 2016 grid attack, returned.').names.length).toBeGreaterThan(0);
    expect(found('APT10 targeted managed service providers.').names).toContain('menuPass');
  });

  test('dual-use clients and remote access software are still tools', () => {
    const { names } = found('The actor used remote access software such as AnyDesk, and FTP clients like WinSCP.');
    expect(names).toEqual(expect.arrayContaining(['AnyDesk', 'WinSCP']));
  });
});
