// Named adversary individuals and personas: defendants, facilitators, fake identities. Only
// names the text ties to a cue (a/k/a, a native-script name, "Persona 2:", "defendants are",
// "SURNAME, Given" in a sanctions list) are taken, so officials and researchers stay out.
import { isEnglish, isGivenName } from '../gazetteer.ts';
import { titleCase } from '../text/case.ts';

export interface PersonHit {
  name: string;
  aliases: string[];
  start: number;
  end: number;
  /** What tied the name to the adversary. */
  cue: PersonCue;
}

export type PersonCue =
  | 'person-native-script'
  | 'person-alias'
  | 'person-sanctions-entry'
  | 'person-persona'
  | 'person-role';

// A name part: "Myong-ho", "Sung-Il", McCune-Reischauer apostrophes ("Ch'oe", "Kwang-ch'ol").
const PART = String.raw`(?:[A-Z][a-z]{0,30}(?:['’][a-z]{1,20})?(?:-[A-Z]?[a-z]{0,30}(?:['’][a-z]{1,20})?)?|[A-Z]\.)`;
const PARTICLE = '(?:de|De|del|Del|van|Van|von|Von|da|Da|dos|Los|los|La|Le|bin|Bin)';
// Romanised Korean names as charging documents and sanctions lists write them: the surname in
// capitals before the given name ("KIM Chol Su", "RI Myong-ho"), and one-letter surnames before a
// hyphenated given name ("O Su-il", "U Chol-min").
const KOREAN = String.raw`(?:[A-Z]{2,12}(?:\s${PART}){1,2}|[OU]\s[A-Z][a-z]{1,10}-[a-z]{1,10})`;
const NAME = String.raw`(?:${KOREAN}|${PART}(?:\s(?:${PARTICLE}\s)*${PART}){1,4})`;
const UPPER_NAME = String.raw`[A-Z]{2,30}(?:\s[A-Z]{2,30}){1,3}`;
/** "NAME, 49, of PLACE": the age and home town after a name, with the name in a lookbehind. */
const AGED = new RegExp(
  String.raw`(?<=(?<![\w'’-])(${UPPER_NAME}|${NAME}),\s{1,3})\d{2},\s{1,3}(?:of|from)\s+[A-Z]`,
  'dg',
);
const ALIAS_CUE = String.raw`(?:also known as|a\/k\/a|a\.k\.a\.?|aka|alias(?:es)?|also used|also|earlier|using the (?:name|alias)s?|presenting (?:himself|herself) as|posing as|known as|who (?:worked|went) (?:for it )?as)`;
const HANGUL = String.raw`[\u1100-\u11FF\u3130-\u318F\uAC00-\uD7AF\u4E00-\u9FFF]{2,12}`;

/**
 * Words no person's name holds: institutions, legal and document words, the head nouns of
 * organisations and products ("Alibaba Cloud", "Kestrel Exchange", "Edge Browser"), function words.
 */
const NOT_PERSON =
  /\b(?:Democratic|People|Foreign|Assets|Control|Social|Avenue|Suite|Count|Counts|Indictment|Defendants?|Grand|Jury|Dprk|It|Usa|Fbi|Doj|Ofac|Llc|District|Department|States|State|Office|Court|Attorney|Bureau|Division|Treasury|Justice|Korea|North|South|United|Federal|National|Security|Republic|Ministry|Company|Corporation|Inc|Ltd|Group|Team|Network|Labs?|Intelligence|Research|Service|Services|Center|Centre|Agency|Council|Cloud|Platform|Browser|Software|Systems|Technologies|Technology|Solutions|Bank|Exchange|Foundation|Institute|Academy|Community|Forum|Market|Markets|Hosting|Telecom|Media|Studio|Studios|Capital|Holdings|Partners|Ventures|Protocol|Finance|Isolation|Protection|Defender|Manager|Server|Suite|Edition|Committee|Initiative|Program|Act|Guidelines|Division|Affairs|Field|Unit|Street|Road|Building|University|Police|Army|Forces|Press|Release|Public|Internet|Cyber|Crime|Complaint|Contact|General|Assistant|Deputy|Special|Agent|Director|Secretary|Judge|Prosecutor|Commissioner|Chief|Officer|The|This|That|These|Those|In|On|At|For|From|With|By|Of|And|Or|But|If|When|While|As|After|Before|During|Since|Until|Between|Among|Each|Every|All|Some|Any|No|Not|Our|Their|His|Her|Its|We|They|He|She|It|You|I|Persona|Personas|Handles|Wallets|Email|Emails|GitHub|Telegram|Upwork|LinkedIn|Bitcoin|Ethereum|Solana|Safe|Wallet|Digital|Currency|Address|Cash|Tornado|Lazarus|Famous|Chollima|Jasper|Sleet|Storm|Typhoon|Blizzard|Sandstorm|Januar|January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/;
const OFFICIAL_BEFORE =
  /(?:Attorney(?: General)?|Judge|Agent(?: in Charge)?|Director|Secretary|Officer|Commissioner|Chief|Prosecutor|Assistant|Deputy|Under Secretary|researchers?|analysts?|investigators?|reporters?|journalists?|Authors?|by|said|says|credit to|thanks to)\s*[:,]?\s*$/i;

// Patterns built once (from the name parts above), not for every document.
// "Kim Kwang Jin (김관진)", "Jong Pong Ju (정봉주), also known as “Bryan Cho,”"
const NATIVE = new RegExp(
  String.raw`(?<=(?<![\w'’-])(${NAME})\s*\()(${HANGUL})\)(?:,?\s*${ALIAS_CUE}\s*[“"']([^”"'\n]{2,40})[”"'])?`,
  'dg',
);
const AKA = new RegExp(
  // Forward, not anchored on the cue: "also" and "as" are too frequent for a lookbehind (measured).
  String.raw`(${NAME}|${UPPER_NAME})\s*(?:\(\s*|,\s*)?${ALIAS_CUE}[:\s]\s*((?:[“"']?[^”"'\n(),;]{2,40}[”"']?(?:,\s*|\s+and\s+)?){1,4})`,
  'dg',
);
const DASH_ALIAS = new RegExp(String.raw`(${NAME})\s+(?:--|—|–)\s+[“"](${NAME})[”"]`, 'g');
const PERSONA_LABEL = new RegExp(
  String.raw`\b(?:Persona|Profile|Identity)(?:\s#?\d+)?:\s*[“"]?(${UPPER_NAME}|${NAME})`,
  'g',
);
// "calls himself "Dan Reyes"", "goes by "Dan Reyes"": a self-given name is a persona.
const PERSONA_CUE = new RegExp(
  // "saved as "Invoice Copy"", "a file called "Tax Form"": only a person presenting themself, or
  // a persona, profile or alias, makes the quoted name a persona.
  String.raw`\b(?:profile|persona|alias|pseudonym|identity|(?:under|using|used|uses|with) the (?:name|alias)s?|(?:pos(?:ing|ed|es)|masquerad(?:ing|ed|es)|(?:present|introduc)(?:ing|ed|es) (?:him|her|them)sel(?:f|ves)|appl(?:ied|ying)|sign(?:ed|ing) up|act(?:ed|ing)) as|call(?:s|ed|ing)? (?:him|her|them)sel(?:f|ves)|go(?:es|ing)? by|went by)\s*,?\s*[“"](${NAME})[”"]`,
  'g',
);
const PERSONA_AFTER = new RegExp(
  String.raw`[“"](${NAME})[”"],?\s+(?:is|was|being)\s+(?:a|an|the|one of the)\s+(?:[a-z]{2,15}\s+){0,2}(?:persona|alias|pseudonym|cover name|fake name|false name|fictitious name)s?\b`,
  'g',
);
const CAPTION = new RegExp(
  String.raw`\b(?=an?\s)(?<=(?<![\w'’-])(${UPPER_NAME}|${NAME}),\s*)(?:an alias|a\s+(?:citizen|national|resident)\s+of|an?\s+(?:[A-Z][\w-]{1,15}\s+){0,3}(?:IT workers?|facilitators?|hackers?|operatives?|co-conspirators?|money launderers?)\b)`,
  'dg',
);
const LISTED = new RegExp(`^(?:${UPPER_NAME}|${NAME})`);
const ITEM = new RegExp(String.raw`^[ \t]*(?:(?:[-*•]|\d{1,2}[.)])[ \t]+)?(${NAME})[ \t]+(?:--|—|–)[ \t]`, 'gm');

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
/** A role word after a caption's aliases ("a/k/a "Daniel Park," Defendant.") is no alias. */
const ROLE_WORD = /^(?:Defendants?|Plaintiffs?|Respondents?|Petitioners?)$/;

/**
 * Reads as a person's name: a given name in it, or a word that is no everyday English word.
 * "Windows Restart Manager", "Cobalt Strike Beacon", "TEMP, Periscope" are products and labels
 * that a cue such as "also" or a comma after capitals put where a name stands; romanised names
 * ("Sim Hyon Sop", "Cheng Hung Man") keep at least one word no dictionary has.
 */
function nameLike(name: string): boolean {
  const words = name
    .toLowerCase()
    .split(/[\s-]+/)
    .filter(Boolean);
  return words.some((w) => isGivenName(w) || !isEnglish(w));
}

function plausible(name: string): boolean {
  return !NOT_PERSON.test(name) && name.length <= 60 && name.split(' ').length >= 2 && nameLike(name);
}

export function findPeople(text: string): PersonHit[] {
  const out: PersonHit[] = [];
  const push = (name: string, aliases: string[], start: number, end: number, before: string, cue: PersonCue) => {
    // "Wallets\nSava Grujic": a table header's last word ran into the name on the next line.
    const cut = name.lastIndexOf('\n');
    if (cut > 0 && !plausible(clean(name))) {
      const rest = name.slice(cut + 1);
      return push(rest, aliases, start + cut + 1, end, '', cue);
    }
    // "Defendant Erick Prince": the role word is not part of the name.
    const n = clean(name).replace(
      /^(?:(?:Defendants?|Co-[Cc]onspirators?|Conspirators?|Facilitators?|Personas?|Mr\.|Ms\.|Mrs\.|Dr\.|Nationals?|Citizens?|Designated|Sanctioned)\s+)+/,
      '',
    );
    if (!plausible(n) || OFFICIAL_BEFORE.test(before)) return;
    // "KIM Chol Su": the surname in capitals is written in title case like the rest.
    const named = /^[A-Z]{2,12}\s\p{Lu}\p{Ll}/u.test(n) ? n.replace(/^[A-Z]{2,12}/, (w) => titleCase(w)) : n;
    out.push({
      name: named,
      aliases: aliases.map(clean).filter((a) => a && a !== named && !ROLE_WORD.test(a)),
      start,
      end,
      cue,
    });
  };
  const before = (i: number) => text.slice(Math.max(0, i - 40), i);

  // "Kim Kwang Jin (김관진)", "Jong Pong Ju (정봉주), also known as “Bryan Cho,”"
  for (const m of text.matchAll(NATIVE)) {
    const aliases = [m[2] as string];
    if (m[3]) aliases.push((m[3] as string).replace(/[,.]$/, ''));
    const at = m.indices?.[1]?.[0] ?? m.index;
    push(m[1] as string, aliases, at, at + (m[1] as string).length, before(at), 'person-native-script');
  }
  // "Bong Chee Shen a.k.a. Alex Shen", "Sava Grujic (also "Aristok3")", "BRYAN CHO, earlier CHRIS YU"
  // Court captions chain the cue: PAE SONG IL, a/k/a "Victor Lang," a/k/a "Daniel Okafor,"
  const MORE = /\s{0,8},?\s{0,8}(?:a\/k\/a|a\.k\.a\.?|aka|also known as)\s{0,4}[“"']([^”"'\n]{2,40})[”"']/y;
  for (const m of text.matchAll(AKA)) {
    const raw = m[1] as string;
    const name = /^[A-Z\s]+$/.test(raw) ? titleCase(raw) : raw;
    const more: string[] = [];
    MORE.lastIndex = m.index + m[0].length;
    // The first alias may have stopped at the quote that closes it ("Victor Lang,").
    if (/^[”"']/.test(text.slice(MORE.lastIndex, MORE.lastIndex + 1))) MORE.lastIndex++;
    for (let n = MORE.exec(text); n !== null; n = MORE.exec(text)) more.push(n[1] as string);
    const aliases = [...(m[2] as string).split(/[”"'],?\s*|,\s+|\s+and\s+/), ...more]
      // DOJ puts the comma inside the quotes: "Victor Lang,"
      .map((a) =>
        a
          .replace(/^[“"']/, '')
          .replace(/[,.;]+$/, '')
          .trim(),
      )
      .filter((a) => /^[\p{L}\d][\p{L}\d ._-]{1,38}$/u.test(a) && !/^(?:the|a|an|used|known|as|a\.k\.a|aka)\b/i.test(a))
      // A name or a handle: words without a capital ("was a citizen of") are the sentence.
      .filter((a) => !a.includes(' ') || /\p{Lu}/u.test(a))
      .map((a) => (/^[A-Z\s]+$/.test(a) && a.includes(' ') ? titleCase(a) : a));
    if (aliases.length === 0) continue;
    const at = m.indices?.[1]?.[0] ?? m.index;
    push(name, aliases, at, at + raw.length, before(at), 'person-alias');
  }
  // "Chang Nam Il -- "Peter Xiao"", "Ri Chol Hun — “Nathan Brooks”": a name, a dash, its alias.
  for (const m of text.matchAll(DASH_ALIAS)) {
    push(m[1] as string, [m[2] as string], m.index, m.index + (m[1] as string).length, before(m.index), 'person-alias');
  }
  // Sanctions style: "JONG, Song Hwa"
  for (const m of text.matchAll(/\b([A-Z]{2,30}),[ \t]{0,4}([A-Z][a-z]{1,30}(?:[ -][A-Z][a-z]{1,30}){0,2})\b/g)) {
    // The given names must read as names on their own: "ZTNA, Browser Isolation" is a product
    // list. Romanised syllables ("Hung Man", "Sang Man") are short even where English has them.
    const given = m[2] as string;
    if (!nameLike(given) && given.split(/[ -]/).some((w) => w.length > 6)) continue;
    const name = `${titleCase(m[1] as string)} ${m[2]}`;
    push(name, [m[0]], m.index, m.index + m[0].length, before(m.index), 'person-sanctions-entry');
  }
  // "Persona 2: JOSHUA PALMER", "Persona: Dan Mao", "a fifth profile, "Andy Hoog""
  for (const m of text.matchAll(
    // "Persona #2: "Mira Tanaka"": a number sign and quotes around the name change nothing.
    PERSONA_LABEL,
  )) {
    const raw = m[1] as string;
    push(/^[A-Z\s]+$/.test(raw) ? titleCase(raw) : raw, [], m.index, m.index + m[0].length, '', 'person-persona');
  }
  for (const m of text.matchAll(PERSONA_CUE)) {
    // The evidence is the name itself, not the cue before it.
    const at = m.index + m[0].length - 1 - (m[1] as string).length;
    push(m[1] as string, [], at, at + (m[1] as string).length, before(m.index), 'person-persona');
  }
  // "“Nathan Brooks” is a fake persona ...": the quoted name, then what it is.
  for (const m of text.matchAll(PERSONA_AFTER)) {
    const at = m.index + 1;
    push(m[1] as string, [], at, at + (m[1] as string).length, before(m.index), 'person-persona');
  }
  // Indictment captions and introductions: "JIHO HAN, an alias,", "OLEKSANDR DIDENKO, a citizen of".
  for (const m of text.matchAll(CAPTION)) {
    const raw = m[1] as string;
    const at = m.indices?.[1]?.[0] ?? m.index;
    push(/^[A-Z\s]+$/.test(raw) ? titleCase(raw) : raw, [], at, at + raw.length, before(at), 'person-role');
  }
  // DOJ's "Christina Chapman, 49, of Litchfield Park, Arizona": a person given an age and a home
  // town is one the release charges or sentences (officials come with a title, not an age).
  // Anchored on the age (rare), the name read backwards: not tried at every capital.
  for (const m of text.matchAll(AGED)) {
    const raw = m[1] as string;
    const at = m.indices?.[1]?.[0] ?? m.index;
    push(/^[A-Z\s]+$/.test(raw) ? titleCase(raw) : raw, [], at, at + raw.length, before(at), 'person-role');
  }
  // Role cues: "The defendants are A, B and C", "co-conspirators A and B", "facilitator A". A
  // role word binds the names it governs: the list that follows it (ages and "a/k/a" asides
  // allowed), not whatever capitalised pair stands somewhere later in the sentence.
  const ROLE =
    /\b(?:[Dd]efendants?|[Cc]o-conspirators?|conspirators?|facilitators?|nationals?|citizens?|charged|indicted|sentenced|pleaded guilty|designated|sanctioned|persona|personas|(?:worker|developer|recruiter|facilitator|individual|applicant|candidate|employee|contractor|man|woman|persona|national|citizen|defendant)s? (?:named|called|identified as))\b/g;
  // Between the role word and the first name: a verb, a colon, a count, a nationality.
  const LEAD =
    /^(?:[ \t]*(?:,|:|are|were|is|was|include[sd]?|including|as|today|also|both|the|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}|North|Korean|Chinese|Russian|Ukrainian|American|U\.S\.)(?=[\s,:]))*[ \t]*[:,]?[ \t]*/;
  // Between two names of the list: a comma, an age or a city, "and".
  const BETWEEN =
    /^(?:,[ \t]*(?:\d{1,3},[ \t]*)?(?:of [A-Z][\w .]{1,40}?,[ \t]*)?(?:and[ \t]+)?|[ \t]+and[ \t]+|[ \t]*;[ \t]*(?:and[ \t]+)?)/;
  const ASIDE =
    /^(?:,[ \t]*\d{1,3}(?=,)|\s*\([^()\n]{1,60}\)|,?\s*(?:a\/k\/a|a\.k\.a\.?|aka|also known as)\s*[“"][^”"\n]{1,40}[”"])/;
  for (const m of text.matchAll(ROLE)) {
    let at = m.index + m[0].length;
    at += (LEAD.exec(text.slice(at, at + 80))?.[0] ?? '').length;
    for (let k = 0; k < 12; k++) {
      const n = LISTED.exec(text.slice(at, at + 120));
      if (!n) break;
      // "GHI DANH THAM" out of "PHIẾU GHI DANH THAM DỰ TĨNH HỘI": capitals running on into words
      // the pattern cannot read (accents, precomposed or combining) are a title, not a name.
      const after = text.slice(at + n[0].length, at + n[0].length + 12);
      const upper = /^[A-Z\s]+$/.test(n[0]);
      const title =
        upper &&
        (/\p{Lu}[\p{Lu}\p{M}]+[ \t]$/u.test(text.slice(Math.max(0, at - 12), at)) ||
          /^(?:\p{M}|[ \t]\p{Lu}[\p{Lu}\p{M}])/u.test(after));
      if (title) break;
      if (upper) {
        // An upper-case name, with its short form if one follows: CHAPMAN ("CHAPMAN").
        const short = /^\s*\(\s*["“]([A-Z]{2,30})["”]\s*\)/.exec(text.slice(at + n[0].length, at + n[0].length + 30));
        push(
          titleCase(n[0]),
          short ? [titleCase(short[1] as string)] : [],
          at,
          at + n[0].length,
          before(at),
          'person-role',
        );
      } else if (
        !(
          text.slice(at + n[0].length, at + n[0].length + 2) === "'s" &&
          /Office|Department/.test(text.slice(at, at + 60))
        )
      ) {
        push(n[0], [], at, at + n[0].length, before(at), 'person-role');
      }
      at += n[0].length;
      // Asides after a name: an age, ("SHORT"), a/k/a "Alias", in any order.
      for (let a = ASIDE.exec(text.slice(at, at + 80)); a && a[0].length > 0; a = ASIDE.exec(text.slice(at, at + 80)))
        at += a[0].length;
      const sep = BETWEEN.exec(text.slice(at, at + 80));
      if (!sep || sep[0].length === 0) break;
      at += sep[0].length;
    }
  }
  // " - Jong Pong Ju -- "Bryan Cho"" above " - Kim Kwang Jin -- hired in 2020": items of one list
  // written the same way are the same kind of thing, so the siblings of a person are people.
  // The parser may have dropped the bullets and set each item apart as a paragraph.
  const people = new Set(out.map((p) => p.name));
  let run: RegExpExecArray[] = [];
  const flush = () => {
    if (run.length > 1 && run.some((m) => people.has(m[1] as string)))
      for (const m of run) {
        const name = m[1] as string;
        const at = m.index + m[0].indexOf(name);
        if (!people.has(name)) push(name, [], at, at + name.length, '', 'person-role');
      }
    run = [];
  };
  for (const m of text.matchAll(ITEM)) {
    const last = run.at(-1);
    // A sibling starts on the next line, or the next paragraph.
    if (last && !/^[^\n]*\n(?:[ \t]*\n)*$/.test(text.slice(last.index + 1, m.index))) flush();
    run.push(m);
  }
  flush();
  // "Hung Man" inside "Cheng Hung Man": keep the longer name only.
  // Compared over distinct names: a dense report repeats the same few names thousands of times.
  const names = [...new Set(out.map((p) => p.name))];
  const inner = new Set(names.filter((n) => names.some((m) => m.length > n.length && m.endsWith(` ${n}`))));
  return out.filter((p) => !inner.has(p.name));
}
