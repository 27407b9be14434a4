import type { AnyNode, Element } from 'domhandler';

// Hostile nesting. A page of 100,000 nested elements costs both HTML parsers time quadratic in the
// depth (parse5 searches its stack of open elements at each start tag; htmlparser2 prepends to its
// stack), and every recursive walk after them (text content, our block walk) overflows the stack.
// Real pages nest a few dozen deep. Past MAX_HTML_DEPTH the markup itself is cut down before any
// parser sees it: the extra start tags and as many end tags are dropped, their text kept.

export const MAX_HTML_DEPTH = 256;

const VOID = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
]); // biome-ignore format: a list of tag names reads best packed
// A second one of these closes the first (<p><p>, <li><li>): they cannot nest without a container
// in between, which is counted. Counting them would take a sloppy page for a deep one.
const IMPLIED_END = new Set(['p', 'li', 'dt', 'dd', 'option', 'tr', 'td', 'th', 'rb', 'rt', 'rp']);
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*?(\/?)>/g;

function nests(name: string, selfClosing: string | undefined): boolean {
  const lower = name.toLowerCase();
  return !selfClosing && !VOID.has(lower) && !IMPLIED_END.has(lower);
}

/** How deep the page's tags nest, read from the markup in one pass. */
export function markupDepth(html: string): number {
  let depth = 0;
  let deepest = 0;
  for (const [, closing, name = '', selfClosing] of html.matchAll(TAG)) {
    if (!nests(name, selfClosing)) continue;
    if (closing) depth = Math.max(0, depth - 1);
    else deepest = Math.max(deepest, ++depth);
  }
  return deepest;
}

/** The markup with its nesting cut to `limit`: unchanged when it nests no deeper. Linear. */
export function boundNesting(html: string, limit = MAX_HTML_DEPTH): string {
  if (markupDepth(html) <= limit) return html;
  const out: string[] = [];
  let depth = 0;
  let dropped = 0;
  let at = 0;
  for (const m of html.matchAll(TAG)) {
    const [tag, closing, name = '', selfClosing] = m;
    if (!nests(name, selfClosing)) continue;
    let keep = true;
    if (closing) {
      if (dropped > 0) {
        dropped--;
        keep = false;
      } else depth = Math.max(0, depth - 1);
    } else if (depth >= limit) {
      dropped++;
      keep = false;
    } else depth++;
    if (!keep) {
      out.push(html.slice(at, m.index), ' ');
      at = m.index + tag.length;
    }
  }
  out.push(html.slice(at));
  return out.join('');
}

function isElement(node: AnyNode): node is Element {
  return 'children' in node && 'name' in node;
}

/** The elements with a descendant whose tag is in `tags`, found in one pass (not one search per element). */
export function containersOf(root: AnyNode, tags: ReadonlySet<string>): Set<Element> {
  const containers = new Set<Element>();
  const order: Element[] = [];
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const node = stack.pop() as AnyNode;
    if (!('children' in node)) continue;
    if (isElement(node)) order.push(node);
    for (const child of node.children) stack.push(child);
  }
  // Children come after their parents in `order`: walking it backwards settles each child first.
  for (let i = order.length - 1; i >= 0; i--) {
    const el = order[i] as Element;
    const parent = el.parent;
    if (parent && isElement(parent) && (tags.has(el.name) || containers.has(el))) containers.add(parent);
  }
  return containers;
}
