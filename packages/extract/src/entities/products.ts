// Names the sentence says are products people use, not threats. A vendor's alias list may hold a
// product's name for a group or a family (MISP lists "ELECTRUM", Dragos's name for Sandworm, and
// "Foxmail" for APT10), so where the text lists wallets, browsers or mail clients, or sets a name
// beside a well-known brand ("from Foxmail and Outlook"), the catalogue's reading is not the
// text's.

/**
 * Kinds of product a list may be headed by. Words a threat kind also uses (software, tools) and
 * dual-use clients (FTP, SSH, remote desktop: tools an intruder runs too) are left out.
 */
const PRODUCT_KIND = String.raw`(?:(?:crypto(?:currency)?|bitcoin|desktop|hardware|mobile)\s+)?wallets|(?:web\s+)?browsers|(?:e-?mail|mail|chat)\s+clients|messengers|messaging\s+(?:apps|applications)|chat\s+apps|games|(?:crypto(?:currency)?\s+)?exchanges|password\s+managers|office\s+suites`;
const LEAD = String.raw`,?[ \t]{1,3}(?:such as|like|including|e\.g\.,?|namely|for example|for instance|as well as|:)[ \t]{1,3}`;
/** The list runs to the end of its sentence or line. */
const PRODUCT_LIST = new RegExp(String.raw`\b(?:${PRODUCT_KIND})\b${LEAD}[^.;\n]{1,300}`, 'gi');

/** Spans of the text that list products ("wallets, including Electrum, MultiBit and Exodus"). */
export function productListSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const m of text.matchAll(PRODUCT_LIST)) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

export function inSpans(spans: ReadonlyArray<[number, number]>, start: number, end: number): boolean {
  return spans.some(([s, e]) => start >= s && end <= e);
}

const NEXT_ITEM = /^[ \t]*(?:,|and|or|&|\/)[ \t]+(?:the[ \t]+)?([A-Z][\w.-]{2,30})/;
const PREVIOUS_ITEM = /([A-Z][\w.-]{2,30})[ \t]*(?:,|and|or|&|\/)[ \t]*(?:the[ \t]+)?$/;

/** Whether the name at [start, end) is coordinated with a well-known brand ("Foxmail and Outlook"). */
export function besideBrand(text: string, start: number, end: number, isBrand: (word: string) => boolean): boolean {
  const next = NEXT_ITEM.exec(text.slice(end, end + 40))?.[1];
  const previous = PREVIOUS_ITEM.exec(text.slice(Math.max(0, start - 40), start))?.[1];
  return [next, previous].some((word) => word !== undefined && isBrand(word));
}
