// Finds gazetteer names in text: a single pass over word starts, trying the longest name first.
import type { Entry, Gazetteer } from '../gazetteer.ts';

export interface Mention {
  entry: Entry;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’&{}.\-/]*/gu;
const CUE =
  /\b(?:malware|backdoor|loader|RAT|trojan|implant|stealer|ransomware|dropper|downloader|payload|tool(?:kit)?|family|variant|beacon|remote access|wiper|botnet|framework|group|actor|APT|threat|hackers?|cluster|operators?|tracked|attributed|campaign|state|city|province|based)\b/i;

export function findMentions(
  text: string,
  gazetteer: Gazetteer,
  sentenceOf: (start: number, end: number) => string,
): Mention[] {
  // Word start/end offsets, punctuation trimmed off the end of each word.
  const starts: number[] = [];
  const ends: number[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const w = m[0].replace(/[.'’\-/]+$/, '');
    if (!w) continue;
    starts.push(m.index);
    ends.push(m.index + w.length);
  }
  const out: Mention[] = [];
  let i = 0;
  while (i < starts.length) {
    const s = starts[i] as number;
    const first = text.slice(s, ends[i]).toLowerCase();
    const candidates = gazetteer.byFirstWord.get(first) ?? gazetteer.byFirstWord.get(first.replace(/['’]s$/, ''));
    let best: Mention | undefined;
    let bestWords = 0;
    if (candidates) {
      for (const entry of candidates) {
        const n = entry.surface.split(/\s+/).length;
        if (n <= bestWords || i + n > starts.length) continue;
        const e = ends[i + n - 1] as number;
        const got = text.slice(s, e).replace(/\s+/g, ' ');
        const same = entry.exactCase ? got === entry.surface : got.toLowerCase() === entry.surface.toLowerCase();
        // Multi-word names must still look like names in the text (not "binary padding" in prose,
        // unless the catalogue name is itself lower case after its first word).
        if (!same) continue;
        const next = text[e];
        if (next !== undefined && /[\p{L}\p{N}_]/u.test(next)) continue;
        if (entry.needsCue && !CUE.test(sentenceOf(s, e))) continue;
        best = { entry, start: s, end: e };
        bestWords = n;
      }
    }
    if (best) {
      out.push(best);
      i += bestWords;
    } else i++;
  }
  return out;
}
