// A regex test remembered by input: the same line, sentence or label is tested once for every
// value on it, and the cue patterns are long alternations.

/** `re.test`, memoised per string. `re` must not be global or sticky (those keep state). */
export function memoTest(re: RegExp): (s: string) => boolean {
  if (re.global || re.sticky) throw new Error('memoTest: a global or sticky regex keeps state');
  const seen = new Map<string, boolean>();
  return (s) => {
    let v = seen.get(s);
    if (v === undefined) {
      v = re.test(s);
      seen.set(s, v);
    }
    return v;
  };
}

/** A string function memoised per input. */
export function memo<T>(f: (s: string) => T): (s: string) => T {
  const seen = new Map<string, T>();
  return (s) => {
    if (seen.has(s)) return seen.get(s) as T;
    const v = f(s);
    seen.set(s, v);
    return v;
  };
}
