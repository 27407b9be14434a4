import type { LayoutBlock } from './pdf-layout.ts';

// A charging document's caption names the parties in one run of text: "UNITED STATES OF
// AMERICA, v. KIM JONG SU, a/k/a "Jin Sung-Il," and PAK CHOL MIN, ... Defendants." Split it so
// each defendant, with their a/k/a names, is a block of its own the extractor can read as one
// person, and each count listed beside the caption is a block too. Nothing is added: only the
// joining "and" between two defendants is left out.

const CAPTION = /^(.*?\bv(?:s)?\.)\s+(.+?)\s+(Defendants?\.?)$/;
/** Between two defendants: a comma (and a closing quote), maybe "and", then an upper-case name and a comma. */
const NEXT_DEFENDANT = /(,["”]?)\s+(?:and\s+)?(?=[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]*)+,)/;
const COUNT = /\s+(?=Counts?\s+\d)/;

function splitDefendants(parties: string): string[] {
  const pieces: string[] = [];
  let rest = parties;
  for (let match = NEXT_DEFENDANT.exec(rest); match; match = NEXT_DEFENDANT.exec(rest)) {
    pieces.push(rest.slice(0, match.index) + (match[1] ?? ''));
    rest = rest.slice(match.index + match[0].length);
  }
  pieces.push(rest);
  return pieces.map((p) => p.trim()).filter((p) => p !== '');
}

/** Whether the blocks are a charging document: a caption and the word INDICTMENT or INFORMATION. */
export function isCharging(blocks: LayoutBlock[]): boolean {
  return (
    blocks.some((b) => b.kind === 'paragraph' && CAPTION.test(b.text)) &&
    blocks.some((b) => /^(SUPERSEDING\s+)?(INDICTMENT|INFORMATION|CRIMINAL COMPLAINT)$/.test(b.text))
  );
}

export function structureCharging(blocks: LayoutBlock[]): LayoutBlock[] {
  if (!isCharging(blocks)) return blocks;
  const out: LayoutBlock[] = [];
  let inCaption = true;
  for (const block of blocks) {
    const caption = inCaption && block.kind === 'paragraph' ? CAPTION.exec(block.text) : null;
    if (caption) {
      const [, plaintiff = '', parties = '', closing = ''] = caption;
      out.push({ ...block, text: plaintiff });
      for (const defendant of splitDefendants(parties)) out.push({ ...block, kind: 'list-item', text: defendant });
      out.push({ ...block, text: closing });
      continue;
    }
    if (inCaption && block.kind === 'paragraph' && /^Counts?\s+\d/.test(block.text)) {
      for (const count of block.text.split(COUNT)) out.push({ ...block, kind: 'list-item', text: count });
      continue;
    }
    // The caption ends where the charging language begins.
    if (block.kind === 'heading' && /^(SUPERSEDING\s+)?(INDICTMENT|INFORMATION)$/.test(block.text)) inCaption = false;
    out.push(block);
  }
  return out;
}
