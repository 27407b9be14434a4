import { expect, test } from 'vitest';
import { structureCharging } from './indictment.ts';
import type { LayoutBlock } from './pdf-layout.ts';

const paragraph = (text: string): LayoutBlock => ({ kind: 'paragraph', text, page: 1 });
const heading = (text: string): LayoutBlock => ({ kind: 'heading', text, page: 1, level: 2 });

test.each([
  {
    label: 'two defendants with aliases',
    caption:
      'UNITED STATES OF AMERICA, v. KIM JONG SU, a/k/a "Jin Sung-Il," and PAK CHOL MIN, a/k/a "Haoran Xu," Defendants.',
    defendants: ['KIM JONG SU, a/k/a "Jin Sung-Il,"', 'PAK CHOL MIN, a/k/a "Haoran Xu,"'],
  },
  {
    label: 'several aliases, curly quotes',
    caption: 'UNITED STATES v. JIN SUNG-IL, a/k/a “Jiho Han,” a/k/a “Kevin Lee,” Defendant.',
    defendants: ['JIN SUNG-IL, a/k/a “Jiho Han,” a/k/a “Kevin Lee,”'],
  },
  {
    label: 'three defendants without aliases',
    caption: 'UNITED STATES OF AMERICA v. CHRISTINA MARIE CHAPMAN, OLEKSANDR DIDENKO, and KIM YONG, Defendants',
    defendants: ['CHRISTINA MARIE CHAPMAN,', 'OLEKSANDR DIDENKO,', 'KIM YONG,'],
  },
])('a caption with $label: one list item per defendant', ({ caption, defendants }) => {
  const out = structureCharging([paragraph(caption), heading('INDICTMENT'), paragraph('The Grand Jury charges:')]);
  expect(out.filter((b) => b.kind === 'list-item').map((b) => b.text)).toEqual(defendants);
  expect(out.at(-1)?.text).toBe('The Grand Jury charges:');
});

test('a document that is not a charging document is left alone', () => {
  const blocks = [paragraph('Smith v. Jones, DEFENDANT NAME, Defendant.'), paragraph('A blog post about a case.')];
  expect(structureCharging(blocks)).toBe(blocks);
});
