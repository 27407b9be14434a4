/** "KIM SANG MAN" -> "Kim Sang Man": names written in capitals in captions and sanctions lists. */
export const titleCase = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/(^|[\s-])(\p{L})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());
