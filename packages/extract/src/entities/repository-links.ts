// Software a report links to its own source repository ("[Quillgate](https://github.com/acme/quillgate)",
// "the [quillgate source code](https://gitlab.com/x/quillgate)"): the link says the name is a
// program's, and the program is open source, so a tool unless a catalogue says otherwise.
import type { ParsedDocument } from '@stixmill/contracts';
import { anchoredLinks } from './anchors.ts';

export interface RepositoryLink {
  name: string;
  start: number;
  end: number;
}

const REPO = /^https?:\/\/(?:www\.)?(?:github\.com|gitlab\.com|codeberg\.org|bitbucket\.org)\/[\w.-]+\/([\w.-]+)/i;

/** Repositories of research, not programs: indicator lists, detection rules, samples, write-ups. */
const RESOURCE =
  /\b(?:iocs?|indicators?|yara|sigma|rules?|signatures?|detections?|research|reports?|samples?|scripts?|data(?:set)?|blog|analysis|public|threat|intel|feeds?|lists?|docs?|papers?|notes?|slides?|writeups?)\b/i;

/** Letters and digits only, lower case: "Process Hacker" and "processhacker" compare equal. */
const key = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/**
 * The words the anchor text opens with that spell the repository's name ("iodine" of "iodine
 * source code"), or undefined when the anchor names something else ("this commit", "here").
 */
function nameIn(anchor: string, repo: string): string | undefined {
  const target = key(repo.replace(/\.git$/i, ''));
  if (target.length < 3) return undefined;
  const words = anchor.trim().split(/\s+/);
  for (let n = Math.min(words.length, 4); n >= 1; n--) {
    const name = words.slice(0, n).join(' ');
    if (key(name) === target) return name;
  }
  return undefined;
}

export function findRepositoryLinks(doc: ParsedDocument): RepositoryLink[] {
  const out: RepositoryLink[] = [];
  const push = (anchor: string, href: string, at: number) => {
    const repo = REPO.exec(href)?.[1];
    const name = repo === undefined ? undefined : nameIn(anchor, repo);
    if (!name || RESOURCE.test(name)) return;
    const start = at + anchor.indexOf(name);
    out.push({ name, start, end: start + name.length });
  };
  for (const a of anchoredLinks(doc)) push(a.text, a.href, a.start);
  return out;
}
