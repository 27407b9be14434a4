import { expect, test } from 'vitest';
import { createDocumentBuilder } from './blocks.ts';

test('offsets of blocks and anchors survive whitespace collapsing', () => {
  const b = createDocumentBuilder();
  b.add('heading', '  Title \n ', { level: 2 });
  b.add('paragraph', [
    { text: '  Funds went to ' },
    { text: '\n wallet  one ', link: { href: 'https://explorer.example/1', role: 'in-body' } },
    { text: ' and\tback.' },
  ]);
  b.add('paragraph', '   ');
  b.add('code', '  indented\n  code', {});
  b.link('https://example.org/', 'Home', 'navigation');
  const { text, blocks, links } = b.build();
  expect(text).toBe('Title\n\nFunds went to wallet one and back.\n\nindented\n  code');
  expect(blocks.map((x) => text.slice(x.start, x.end))).toEqual([
    'Title',
    'Funds went to wallet one and back.',
    'indented\n  code',
  ]);
  expect(blocks[0]?.level).toBe(2);
  const anchor = links[0];
  expect(anchor && text.slice(anchor.start, anchor.end)).toBe('wallet one');
  expect(links[1]).toEqual({ href: 'https://example.org/', text: 'Home', role: 'navigation' });
});
