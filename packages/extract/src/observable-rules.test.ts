import { describe, expect, test } from 'vitest';
import { extract } from './extract.ts';
import { plainDocument } from './plain-document.ts';

// Rules found by documents written outside the tuning corpus (test/fixtures/corpus): each row is
// a sentence shape, the values that must be found and the values that must not.

const valuesOf = (text: string, type: string) =>
  extract(plainDocument(text, 'file:t.txt'))
    .findings.filter((f) => f.type === type)
    .map((f) => f.value);

describe('observable rules', () => {
  test.each([
    {
      why: '"privacy proxy" in a paragraph is no privacy-policy link',
      text: 'The domain hire-arcturus.com was registered at Namecheap, privacy proxy. The script fetches https://cdn.hire-arcturus.com/a/helper.py today.',
      type: 'url',
      want: ['https://cdn.hire-arcturus.com/a/helper.py'],
      not: [],
    },
    {
      why: '"related coverage" cites news',
      text: 'Related coverage: https://therecord.media/north-korea-fake-recruiters',
      type: 'url',
      want: [],
      not: ['https://therecord.media/north-korea-fake-recruiters'],
    },
    {
      why: 'an impersonated brand is not the adversary infrastructure',
      text: 'The lure name-drops a real exchange (coincheck.com). That is the impersonated brand, not their infra.',
      type: 'domain-name',
      want: [],
      not: ['coincheck.com'],
    },
    {
      why: 'a call in quoted code is no host',
      text: 'The helper ends with return requests.post(STAGE, json=data) and sends to stage-sync.net',
      type: 'domain-name',
      want: ['stage-sync.net'],
      not: ['requests.post'],
    },
    {
      why: 'a dotted handle on a named service is an account, not a domain',
      text: 'Persona #2 uses Discord handle mira.tanaka.hr for chats.',
      type: 'domain-name',
      want: [],
      not: ['mira.tanaka.hr'],
    },
  ])('$why', ({ text, type, want, not }) => {
    const got = valuesOf(text, type);
    for (const v of want) expect(got).toContain(v);
    for (const v of not) expect(got).not.toContain(v);
  });
});

describe('accounts on a named service', () => {
  test.each([
    {
      text: 'He moved the chat to Telegram as @dkwon_talent (also @arcturus_hr).',
      want: ['dkwon_talent', 'arcturus_hr'],
    },
    { text: 'The same photo shows up on X as @danielkwon_hires.', want: ['danielkwon_hires'] },
    { text: 'GitHub org: arcturus-talent. Commit author unknown.', want: ['arcturus-talent'] },
    { text: 'She also used the Upwork profile name miratanaka_jp for bids.', want: ['miratanaka_jp'] },
    {
      text: '| Type | Indicator | Notes |\n| GitHub | `tradeview-dev-hub` | lure organisation |',
      want: ['tradeview-dev-hub'],
    },
    { text: 'Discord handle mira.tanaka.hr', want: ['mira.tanaka.hr'] },
  ])('$text', ({ text, want }) => {
    expect(valuesOf(text, 'user-account')).toEqual(expect.arrayContaining(want));
  });

  test('an @-handle with no service named stays out', () => {
    expect(valuesOf('h/t @zachxbt for the data points.', 'user-account')).toEqual([]);
  });
});
