import type { Block } from '@stixmill/contracts';
import { describe, expect, test } from 'vitest';
import { sectionLabel } from './context.ts';
import { lineSpan, sentenceSpan } from './sentences.ts';
import { createTextView } from './view.ts';

// The view answers from precomputed tables and memos; it must answer exactly what the plain
// functions answer, at every offset.
const texts: Array<{ label: string; text: string; blocks?: Block[] }> = [
  { label: 'prose', text: 'The U.S. Attorney said so. Lazarus used it!\nNext line? Yes.' },
  { label: 'leading newline', text: '\nIOCs:\n  evil.com\n  bad.net\n\nDone.' },
  { label: 'list and table', text: 'Indicators\n- a.com\n- b.com\n| x | 1.2.3.4 |\n\n1. first. second' },
  { label: 'long line', text: `${'word '.repeat(300)}end. ${'more '.repeat(200)}` },
  {
    label: 'blocks',
    text: 'Network indicators\n\nC2: evil.com\nbad.net\n\nProse follows. Another.',
    blocks: [
      { kind: 'heading', start: 0, end: 18, level: 2 },
      { kind: 'paragraph', start: 20, end: 40 },
      { kind: 'paragraph', start: 42, end: 66 },
    ],
  },
];

describe('createTextView', () => {
  test.each(texts)('$label: line, sentence and section as the plain functions', ({ text, blocks }) => {
    const doc = { text, blocks: blocks ?? [] };
    const view = createTextView(doc);
    for (let i = 0; i < text.length; i++) {
      expect(view.line(i)).toEqual(lineSpan(text, i));
      const end = Math.min(text.length, i + 3);
      expect(view.sentence(i, end)).toEqual(sentenceSpan(text, i, end));
      expect(view.section(i)).toBe(sectionLabel(doc, i));
    }
  });
});
