import { createDocumentBuilder, type Run } from './blocks.ts';
import { REFERENCE_HEADING, roleOfHref } from './links.ts';
import type { BlockKind, LinkRole, ParsedBody } from './types.ts';

// Markdown (CommonMark's common subset and GFM tables): block structure from the lines, and
// [text](href) links become their text in the body plus a Link with a role.

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const ATX = /^\s{0,3}(#{1,6})\s+(.*?)(\s+#+)?\s*$/;
const SETEXT = /^\s{0,3}(=+|-+)\s*$/;
const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;
const ITEM = /^(\s*)([-*+]|\d{1,9}[.)])\s+(.*)$/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$/;
const DEFINITION = /^\s{0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(\s+("[^"]*"|'[^']*'|\([^)]*\)))?\s*$/;
// [text](href "title") | [text][ref] | [text] | <autolink> | ![alt](src) | `code`
const INLINE =
  /(!?)\[((?:[^\]\\]|\\.)*)\](?:\(\s*<?([^)\s>]*)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)|\[([^\]]*)\])?|<((?:https?|mailto):[^>\s]+)>|(`+)([\s\S]*?)\6/g;

function stripEmphasis(text: string): string {
  return text
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(?<![\w*])\*(?=\S)([^*]*?\S)\*(?![\w*])/g, '$1')
    .replace(/(?<![\w_])_(?=\S)([^_]*?\S)_(?![\w_])/g, '$1')
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!|>~<])/g, '$1');
}

function splitCells(line: string): string[] {
  const trimmed = line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '');
  return trimmed.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|'));
}

export function parseMarkdown(input: string, context: { site?: string } = {}): ParsedBody {
  const lines = input.replace(/\r\n?/g, '\n').split('\n');
  const definitions = new Map<string, string>();
  for (const line of lines) {
    const match = DEFINITION.exec(line);
    if (match?.[1] && match[2]) definitions.set(match[1].toLowerCase(), match[2]);
  }
  const builder = createDocumentBuilder();
  let references: number | undefined;
  let title: string | undefined;

  const roleOf = (href: string): LinkRole =>
    roleOfHref(href, context.site) ?? (references !== undefined ? 'reference' : 'in-body');

  function inline(text: string): Run[] {
    const runs: Run[] = [];
    let last = 0;
    for (const m of text.matchAll(INLINE)) {
      if (m.index > last) runs.push({ text: stripEmphasis(text.slice(last, m.index)) });
      last = m.index + m[0].length;
      const [, bang, label = '', href, ref, autolink, ticks, code] = m;
      if (ticks !== undefined) runs.push({ text: code?.trim() ?? '' });
      else if (autolink !== undefined) runs.push({ text: autolink, link: { href: autolink, role: roleOf(autolink) } });
      else if (bang)
        continue; // an image: its alt text is not the report's prose
      else {
        const target = href ?? definitions.get((ref || label).toLowerCase());
        const anchor = stripEmphasis(label);
        runs.push(target ? { text: anchor, link: { href: target, role: roleOf(target) } } : { text: m[0] });
      }
    }
    if (last < text.length) runs.push({ text: stripEmphasis(text.slice(last)) });
    return runs;
  }

  let paragraph: string[] = [];
  const flush = (kind: BlockKind = 'paragraph') => {
    if (paragraph.length) builder.add(kind, inline(paragraph.join('\n')));
    paragraph = [];
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const next = lines[i + 1] ?? '';
    const fence = FENCE.exec(line);
    const atx = ATX.exec(line);
    const item = ITEM.exec(line);
    if (line.trim() === '' || DEFINITION.test(line)) flush();
    else if (fence?.[1]) {
      flush();
      const marker = fence[1];
      const code: string[] = [];
      for (i++; i < lines.length && !(lines[i] ?? '').trimStart().startsWith(marker); i++) code.push(lines[i] ?? '');
      builder.add('code', code.join('\n'));
    } else if (atx?.[1] || (paragraph.length > 0 && SETEXT.test(line))) {
      const level = atx?.[1] ? atx[1].length : line.trim().startsWith('=') ? 1 : 2;
      const heading = atx?.[1] ? (atx[2] ?? '') : paragraph.join(' ');
      paragraph = [];
      if (references !== undefined && level <= references) references = undefined;
      builder.add('heading', inline(heading), { level });
      if (title === undefined && level === 1) title = stripEmphasis(heading).trim();
      if (REFERENCE_HEADING.test(heading)) references = level;
    } else if (RULE.test(line)) flush();
    else if (line.includes('|') && TABLE_SEPARATOR.test(next) && next.includes('-')) {
      flush();
      const runs: Run[] = [];
      const rows = takeWhile(lines, i + 2, (l) => l.includes('|') && l.trim() !== '');
      for (const row of [line, ...rows]) {
        if (runs.length) runs.push({ text: '\n', raw: true });
        splitCells(row).forEach((cell, c) => {
          if (c > 0) runs.push({ text: ' | ', raw: true });
          runs.push(...inline(cell));
        });
      }
      i += 1 + rows.length;
      builder.add('table', runs);
    } else if (item) {
      flush();
      const indent = (item[1] ?? '').length;
      const body = [item[3] ?? ''];
      while (i + 1 < lines.length) {
        const more = lines[i + 1] ?? '';
        if (more.trim() === '' || ITEM.test(more) || FENCE.test(more) || ATX.test(more)) break;
        if (more.length - more.trimStart().length <= indent && !/^\s/.test(more)) break;
        body.push(more.trim());
        i++;
      }
      builder.add('list-item', inline(body.join('\n')));
    } else if (QUOTE.test(line)) {
      flush();
      const quoted = [QUOTE.exec(line)?.[1] ?? ''];
      while (i + 1 < lines.length && QUOTE.test(lines[i + 1] ?? ''))
        quoted.push(QUOTE.exec(lines[++i] ?? '')?.[1] ?? '');
      builder.add('quote', inline(quoted.join('\n')));
    } else paragraph.push(line.trim());
  }
  flush();
  return { ...builder.build(), ...(title ? { title: title.slice(0, 2000) } : {}) };
}

function takeWhile(lines: string[], from: number, test: (line: string) => boolean): string[] {
  const taken: string[] = [];
  for (let i = from; i < lines.length && test(lines[i] ?? ''); i++) taken.push(lines[i] ?? '');
  return taken;
}
