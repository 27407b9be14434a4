// A ParsedDocument for text that did not come through the parser (tests, benchmarks, callers
// with plain text): one paragraph block per run of lines between blank lines, no links.
import type { Block, ParsedDocument } from '@stixmill/contracts';

export function plainDocument(text: string, source = 'inline'): ParsedDocument {
  const blocks: Block[] = [];
  let start = 0;
  while (start < text.length) {
    const gap = text.indexOf('\n\n', start);
    const end = gap < 0 ? text.length : gap;
    if (end > start) blocks.push({ kind: 'paragraph', start, end });
    start = end + 2;
  }
  return { meta: { source, contentType: 'text/plain', sha256: '0'.repeat(64) }, text, blocks, links: [] };
}
