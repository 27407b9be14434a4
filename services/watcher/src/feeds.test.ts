import { describe, expect, test } from 'vitest';
import { parseFeed } from './feeds.ts';

describe('parseFeed', () => {
  test('RSS 2.0: guid as key, relative links resolved, newest first, categories', () => {
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Advisories</title>
      <item><title>Older</title><link>/a/1</link><guid>urn:1</guid><pubDate>Tue, 01 Jul 2025 10:00:00 GMT</pubDate></item>
      <item><title>Newer</title><link>https://feeds.example.gov/a/2</link><pubDate>Wed, 02 Jul 2025 10:00:00 GMT</pubDate>
        <category>North Korea</category></item>
    </channel></rss>`;
    expect(parseFeed(rss, { contentType: 'application/rss+xml', url: 'https://feeds.example.gov/rss' })).toEqual([
      {
        key: 'https://feeds.example.gov/a/2',
        url: 'https://feeds.example.gov/a/2',
        title: 'Newer',
        published: '2025-07-02T10:00:00.000Z',
        topics: ['North Korea'],
      },
      {
        key: 'urn:1',
        url: 'https://feeds.example.gov/a/1',
        title: 'Older',
        published: '2025-07-01T10:00:00.000Z',
        topics: [],
      },
    ]);
  });

  test('Atom: id as key, the alternate link, category terms', () => {
    const atom = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title>
      <entry><id>tag:blog.example.com,2025:42</id><title>Laptop farms</title>
        <link rel="self" href="https://blog.example.com/feed/42"/><link rel="alternate" href="https://blog.example.com/42"/>
        <updated>2025-02-27T00:00:00Z</updated><category term="dprk"/></entry></feed>`;
    expect(parseFeed(atom, { contentType: 'application/atom+xml', url: 'https://blog.example.com/feed' })).toEqual([
      {
        key: 'tag:blog.example.com,2025:42',
        url: 'https://blog.example.com/42',
        title: 'Laptop farms',
        published: '2025-02-27T00:00:00.000Z',
        topics: ['dprk'],
      },
    ]);
  });

  test('the justice.gov press-release API shape: uuid, unix date, topics and components', () => {
    const json = JSON.stringify({
      metadata: { resultset: { count: 1 } },
      results: [
        {
          uuid: 'a1b2',
          title: 'Two North Korean Nationals Indicted',
          url: 'https://www.justice.gov/opa/pr/two-north-korean-nationals-indicted',
          date: '1715860800',
          topic: [{ name: 'National Security' }],
          component: [{ name: 'National Security Division (NSD)' }],
        },
      ],
    });
    expect(
      parseFeed(json, { contentType: 'application/json', url: 'https://www.justice.gov/api/v1/press_releases.json' }),
    ).toEqual([
      {
        key: 'a1b2',
        url: 'https://www.justice.gov/opa/pr/two-north-korean-nationals-indicted',
        title: 'Two North Korean Nationals Indicted',
        published: '2024-05-16T12:00:00.000Z',
        topics: ['National Security', 'National Security Division (NSD)'],
      },
    ]);
  });

  test.each([
    { label: 'an HTML page', body: '<html><body>hi</body></html>', message: /not an RSS, Atom or JSON feed/ },
    { label: 'JSON of another shape', body: '{"a": 1}', message: /not a list of press releases/ },
  ])('$label is refused', ({ body, message }) => {
    expect(() => parseFeed(body, { contentType: 'text/html', url: 'https://x.example/' })).toThrow(message);
  });

  test('a javascript: link is not an entry', () => {
    const rss = '<rss><channel><item><title>x</title><link>javascript:alert(1)</link></item></channel></rss>';
    expect(parseFeed(rss, { contentType: 'application/rss+xml', url: 'https://x.example/' })).toEqual([]);
  });
});
