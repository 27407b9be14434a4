// A PDF page's text items, put back in the order a careful reader would copy them: columns one
// after the other (recursive XY-cut), table rows kept as rows, a court caption read left block
// then right block, pleading-paper line numbers, running headers and footers and page numbers
// dropped, words hyphenated across lines joined, ligatures spelled out. Pure: items in, blocks out.

export interface TextItem {
  str: string;
  /** Left edge and baseline, PDF user space (origin bottom-left). */
  x: number;
  y: number;
  width: number;
  fontSize: number;
}

/** One page's text items and, when known, its width (the MediaBox), for centred lines. */
export interface PageText {
  items: TextItem[];
  width?: number;
}

export interface LayoutBlock {
  kind: 'heading' | 'paragraph' | 'list-item' | 'table';
  text: string;
  /** 1-based page the block starts on. */
  page: number;
  level?: number;
}

/** A run of text on one baseline without a wide gap in it. */
interface Segment {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
}

/** Segments sharing a baseline within one region of the page, left to right. */
interface Line {
  segments: Segment[];
  y: number;
  x0: number;
  x1: number;
  size: number;
  page: number;
  /** Lines of one column region share a key: a jump between regions is a column break. */
  region: number;
  /** Centred on the page's text, as titles and section names of filings are. */
  centred: boolean;
}

const LIGATURES: Record<string, string> = { ﬀ: 'ff', ﬁ: 'fi', ﬂ: 'fl', ﬃ: 'ffi', ﬄ: 'ffl', ﬅ: 'st', ﬆ: 'st' };

function spellOut(text: string): string {
  return text.replace(/[ﬀ-ﬆ]/g, (c) => LIGATURES[c] ?? c);
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Groups a page's items into segments: same baseline, no gap wider than 1.5 em. */
function segmentsOf(items: TextItem[]): Segment[] {
  // Whitespace items carry no glyphs and often span a gutter: they would glue columns together.
  const visible = items
    .filter((i) => i.str.trim() !== '')
    .map((i) => ({ ...i, str: spellOut(i.str), fontSize: i.fontSize || 10 }));
  visible.sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: (typeof visible)[] = [];
  for (const item of visible) {
    const row = rows.at(-1);
    const first = row?.[0];
    if (row && first && Math.abs(first.y - item.y) <= Math.min(first.fontSize, item.fontSize) * 0.4) row.push(item);
    else rows.push([item]);
  }
  const segments: Segment[] = [];
  for (const row of rows) {
    row.sort((a, b) => a.x - b.x);
    let current: Segment | undefined;
    for (const item of row) {
      const size = item.fontSize;
      const gap = current ? item.x - current.x1 : 0;
      if (current && gap <= 1.5 * Math.max(size, current.size)) {
        const glue = gap > 0.15 * size && !/\s$/.test(current.text) && !/^\s/.test(item.str) ? ' ' : '';
        current.text += glue + item.str;
        current.x1 = Math.max(current.x1, item.x + item.width);
        current.size = Math.max(current.size, size);
      } else {
        if (current) segments.push(current);
        current = { text: item.str, x0: item.x, x1: item.x + item.width, y: item.y, size };
      }
    }
    if (current) segments.push(current);
  }
  for (const s of segments) s.text = s.text.replace(/\s+/g, ' ').trim();
  return segments.filter((s) => s.text !== '');
}

/**
 * Pleading paper numbers its lines 1..28 down the left margin. When a page has a column of at
 * least five bare numbers left of all other text, they are margin furniture, not content.
 */
function dropLineNumbers(segments: Segment[]): Segment[] {
  const numeric = (s: Segment) => /^\d{1,2}$/.test(s.text);
  const others = segments.filter((s) => !numeric(s));
  if (others.length === 0) return segments;
  const bodyLeft = Math.min(...others.map((s) => s.x0));
  const margin = segments.filter((s) => numeric(s) && s.x1 <= bodyLeft + 1);
  return margin.length >= 5 ? segments.filter((s) => !margin.includes(s)) : segments;
}

/**
 * A court caption separates the parties from the case number with a column of ")" or "§".
 * Returns the segments without that column and the caption's vertical extent.
 */
function dropCaptionRule(segments: Segment[]): { segments: Segment[]; caption?: { top: number; bottom: number } } {
  const rule = segments.filter((s) => /^[)§]+$/.test(s.text));
  if (rule.length < 3) return { segments };
  const ys = rule.map((s) => s.y);
  const size = Math.max(...rule.map((s) => s.size));
  return {
    segments: segments.filter((s) => !rule.includes(s)),
    caption: { top: Math.max(...ys) + size, bottom: Math.min(...ys) - size },
  };
}

/** Distinct baselines among segments. */
function rowCount(segments: Segment[]): number {
  const ys: number[] = [];
  for (const s of [...segments].sort((a, b) => b.y - a.y)) {
    if (ys.length === 0 || Math.abs((ys.at(-1) ?? 0) - s.y) > s.size * 0.4) ys.push(s.y);
  }
  return ys.length;
}

/** Prose fills its column, one run per line; table cells do neither. */
function fillsColumn(segments: Segment[]): boolean {
  const left = Math.min(...segments.map((s) => s.x0));
  const right = Math.max(...segments.map((s) => s.x1));
  return (
    segments.length <= rowCount(segments) * 1.2 && median(segments.map((s) => s.x1 - s.x0)) >= 0.5 * (right - left)
  );
}

/** The widest empty interval in a projection of [start, end) intervals, and its cut point. */
function widestGap(spans: [number, number][]): { at: number; width: number } | undefined {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  let reach = sorted[0]?.[1] ?? 0;
  let best: { at: number; width: number } | undefined;
  for (const [start, end] of sorted.slice(1)) {
    if (start > reach && (!best || start - reach > best.width))
      best = { at: (start + reach) / 2, width: start - reach };
    reach = Math.max(reach, end);
  }
  return best;
}

interface Cut {
  caption?: { top: number; bottom: number };
}

/**
 * Recursive XY-cut: split the region into columns where a vertical gap runs through it and
 * both sides read as prose (or as the two halves of a caption); otherwise split it at its
 * widest horizontal gap; a region with neither is read top to bottom, left to right.
 */
function readingOrder(segments: Segment[], cut: Cut, out: Segment[][]): void {
  if (segments.length === 0) return;
  const vertical = widestGap(segments.map((s) => [s.x0, s.x1]));
  if (vertical) {
    const left = segments.filter((s) => s.x1 <= vertical.at);
    const right = segments.filter((s) => s.x0 >= vertical.at);
    const top = Math.max(...segments.map((s) => s.y));
    const inCaption = cut.caption !== undefined && top <= cut.caption.top && top >= cut.caption.bottom;
    if (
      rowCount(left) >= 2 &&
      rowCount(right) >= 2 &&
      (inCaption || (rowCount(left) >= 3 && fillsColumn(left) && fillsColumn(right)))
    ) {
      readingOrder(left, cut, out);
      readingOrder(right, cut, out);
      return;
    }
  }
  // Baselines downwards: a segment occupies [y - 0.25 em, y + 0.9 em].
  const horizontal = widestGap(segments.map((s) => [-(s.y + s.size * 0.9), -(s.y - s.size * 0.25)]));
  if (horizontal && segments.length > 1) {
    const line = -horizontal.at;
    readingOrder(
      segments.filter((s) => s.y > line),
      cut,
      out,
    );
    readingOrder(
      segments.filter((s) => s.y <= line),
      cut,
      out,
    );
    return;
  }
  out.push(segments);
}

function linesOfRegion(region: Segment[], page: number, index: number, extent: [number, number]): Line[] {
  const sorted = [...region].sort((a, b) => b.y - a.y || a.x0 - b.x0);
  const lines: Line[] = [];
  for (const s of sorted) {
    const line = lines.at(-1);
    if (line && Math.abs(line.y - s.y) <= Math.min(line.size, s.size) * 0.4) {
      line.segments.push(s);
      line.x1 = Math.max(line.x1, s.x1);
      line.size = Math.max(line.size, s.size);
    } else lines.push({ segments: [s], y: s.y, x0: s.x0, x1: s.x1, size: s.size, page, region: index, centred: false });
  }
  const [left, right] = extent;
  const width = right - left;
  for (const line of lines) {
    line.centred =
      line.x0 > left + width * 0.2 && Math.abs((line.x0 + line.x1) / 2 - (left + right) / 2) < width * 0.04;
  }
  return lines;
}

function textOf(line: Line): string {
  return line.segments.map((s) => s.text).join(' ');
}

const PAGE_NUMBER = /^(page\s*)?[-–—\s]*\d{1,4}[-–—\s]*((of|\/)\s*\d{1,4})?$/i;

/**
 * Running headers and footers: a line among the top or bottom two of a page whose words (digits
 * aside) recur at the same height at the edge of at least half the pages, and bare page numbers.
 * A line without words is no header (an address or a count per page would all look alike with
 * their digits aside), and a page's only line is its content, whatever repeats.
 */
function dropRunningLines(pages: Line[][]): Line[][] {
  const edges = pages.map((lines) => {
    const byY = [...lines].sort((a, b) => b.y - a.y);
    return new Set([...byY.slice(0, 2), ...byY.slice(-2)]);
  });
  // The same words at the same height: body text that happens to repeat moves down the page.
  const key = (line: Line) => `${textOf(line).replace(/\d+/g, '#').toLowerCase()}@${Math.round(line.y / 6)}`;
  const count = new Map<string, number>();
  for (const edge of edges) for (const k of new Set([...edge].map(key))) count.set(k, (count.get(k) ?? 0) + 1);
  const threshold = Math.max(2, Math.ceil(pages.length / 2));
  const running = (line: Line, page: Line[]) =>
    PAGE_NUMBER.test(textOf(line)) ||
    (page.length > 1 &&
      /[a-z]{2}/i.test(textOf(line).replace(/\d+/g, ' ')) &&
      (count.get(key(line)) ?? 0) >= threshold);
  return pages.map((lines, i) => lines.filter((line) => !edges[i]?.has(line) || !running(line, lines)));
}

const BULLET = /^([•·▪‣◦*-]|\(?[a-z]\)|\(?[a-z][.)]|\(?\d{1,3}[.)])\s+\S/;
const ENDS_SENTENCE = /[.!?:;"”)\]]$/;

function isHeading(line: Line, bodySize: number): { level: number } | undefined {
  const text = textOf(line);
  if (line.segments.length > 1 || text.length > 90) return undefined;
  if (line.size >= bodySize * 1.2) return { level: 1 };
  const letters = text.replace(/[^A-Za-z]/g, '');
  if (letters.length >= 4 && letters === letters.toUpperCase() && !/[.,;]$/.test(text)) return { level: 2 };
  if (line.centred && text.length <= 60 && /^[A-Z]/.test(text) && !/[.,;:]$/.test(text)) return { level: 3 };
  return undefined;
}

/** Joins two lines of one paragraph: a word broken by a hyphen at the end of a line is mended. */
export function joinLines(previous: string, next: string): string {
  if (previous.endsWith('\u00ad')) return previous.slice(0, -1) + next;
  if (/[A-Za-z]-$/.test(previous) && /^[a-z]/.test(next)) {
    // A hyphen inside a host name or address is real: update-\ncheck.net stays update-check.net.
    const before = previous.split(' ').at(-1) ?? '';
    const after = next.split(' ')[0] ?? '';
    return /[./@:]/.test(before) || /[./@]/.test(after.replace(/[.,;:]$/, ''))
      ? previous + next
      : previous.slice(0, -1) + next;
  }
  return `${previous} ${next}`;
}

/** Turns ordered lines into blocks: paragraphs by spacing and indentation, tables, headings. */
function blocksOf(lines: Line[], bodySize: number): LayoutBlock[] {
  const leadings = lines
    .slice(1)
    .map((line, i) => {
      const prev = lines[i];
      return prev && prev.region === line.region ? prev.y - line.y : 0;
    })
    .filter((gap) => gap > 0 && gap < bodySize * 3);
  const leading = median(leadings) || bodySize * 1.2;
  const blocks: LayoutBlock[] = [];
  let open: LayoutBlock | undefined;
  let prev: Line | undefined;
  let rows: Line[] = [];

  const flushRows = () => {
    if (rows.length >= 2) {
      blocks.push({
        kind: 'table',
        text: rows.map((r) => r.segments.map((s) => s.text).join(' | ')).join('\n'),
        page: rows[0]?.page ?? 1,
      });
      open = undefined;
    } else if (rows[0]) addLine(rows[0], true);
    rows = [];
  };

  function addLine(line: Line, single: boolean): void {
    const text = textOf(line);
    const heading = single ? undefined : isHeading(line, bodySize);
    if (heading) {
      blocks.push({ kind: 'heading', text, page: line.page, level: heading.level });
      open = undefined;
      prev = line;
      return;
    }
    const sameFlow = prev !== undefined && prev.page === line.page && prev.region === line.region;
    const gap = sameFlow && prev ? prev.y - line.y : Number.POSITIVE_INFINITY;
    const indented = sameFlow && prev !== undefined && line.x0 > prev.x0 + line.size * 1.5;
    const bullet = BULLET.test(text);
    const continues =
      open !== undefined &&
      (sameFlow
        ? gap <= leading * 1.45 && !indented && !bullet
        : // Across a column or page break a sentence runs on when it did not end.
          !ENDS_SENTENCE.test(open.text) && /^[a-z0-9(]/.test(text));
    if (open && continues) open.text = joinLines(open.text, text);
    else {
      open = { kind: bullet ? 'list-item' : 'paragraph', text, page: line.page };
      blocks.push(open);
    }
    prev = line;
  }

  for (const line of lines) {
    if (line.segments.length >= 2) {
      const last = rows.at(-1);
      if (last && (last.page !== line.page || last.y - line.y > leading * 2.5)) flushRows();
      rows.push(line);
      continue;
    }
    flushRows();
    addLine(line, false);
  }
  flushRows();
  return blocks;
}

/** Pages of text items to blocks in reading order, each with its page. */
export function layoutPages(pages: PageText[]): LayoutBlock[] {
  let regionIndex = 0;
  const pageLines = pages.map(({ items, width }, p) => {
    const { segments, caption } = dropCaptionRule(dropLineNumbers(segmentsOf(items)));
    const extent: [number, number] = width
      ? [0, width]
      : [Math.min(...segments.map((s) => s.x0)), Math.max(...segments.map((s) => s.x1))];
    const regions: Segment[][] = [];
    readingOrder(segments, caption ? { caption } : {}, regions);
    // Consecutive leaves of one column share a region: only a jump back up starts a new one.
    const lines: Line[] = [];
    let lastY = Number.POSITIVE_INFINITY;
    for (const region of regions) {
      const top = Math.max(...region.map((s) => s.y));
      if (top > lastY) regionIndex++;
      lines.push(...linesOfRegion(region, p + 1, regionIndex, extent));
      lastY = Math.min(...region.map((s) => s.y));
    }
    regionIndex++;
    return lines;
  });
  const kept = dropRunningLines(pageLines);
  const all = kept.flat();
  // The body's size from running text: table cells are often set smaller.
  const bodySize = median(all.filter((l) => l.segments.length === 1).map((l) => l.size)) || 10;
  return blocksOf(all, bodySize);
}
