// Malware, tools and groups the sentence itself says are such: "loaders such as A, B and C",
// "A, B and C ransomware", "X, a credential stealer,", "X is a backdoor", "the X loader". The
// kind word decides the type, whatever a catalogue files the name under, and a cue on a list
// applies to every item of it. Each rule is a row of STRUCTURE_RULES with its own examples.
import { CALENDAR } from '../gazetteer.ts';

export type StructureType = 'malware' | 'tool' | 'intrusion-set';

export interface StructureHit {
  type: StructureType;
  name: string;
  start: number;
  end: number;
  rule: string;
  /** The name with its kind word, where the kind word follows it ("Coak Crypter", "Veil Framework"). */
  withKind?: string;
}

/** Kind words by the type they give. Plurals are matched by the patterns. */
const KINDS: Readonly<Record<StructureType, readonly string[]>> = {
  malware: [
    'malware',
    'malware famil(?:y|ies)',
    'backdoor',
    'loader',
    'RAT',
    'remote access trojan',
    'trojan',
    'banking trojan',
    'banker',
    'implant',
    'stealer',
    'infostealer',
    'information stealer',
    'credential stealer',
    'ransomware',
    'ransomware famil(?:y|ies)',
    'ransomware strain',
    'ransomware variant',
    'dropper',
    'downloader',
    'wiper',
    'botnet',
    'rootkit',
    'bootkit',
    'keylogger',
    'spyware',
    'worm',
    'web ?shell',
    'exploit kit',
    'cryptominer',
    'coin ?miner',
  ],
  tool: [
    'tool',
    'hacking tool',
    'toolkit',
    'utility',
    'utilities',
    // A framework alone may be a regulation or a method ("the TIBER-EU framework", "the ATT&CK
    // framework"): only one for attacking is a tool.
    '(?:post-exploitation|exploitation|C2|command[- ]and[- ]control|attack|offensive|red[- ]team(?:ing)?|pentest(?:ing)?|penetration[- ]testing|hacking|malware) framework',
    'crypter',
    'packer',
    'builder',
    'obfuscator',
    'remote (?:access|administration|management|monitoring) (?:tool|software|application)',
    'RMM (?:tool|software)',
  ],
  'intrusion-set': [
    'threat group',
    'APT group',
    'hacking group',
    'threat actor',
    'actor',
    'actor group',
    'APT',
    'gang',
    'crew',
  ],
};

const plural = (k: string) => (/(?:y|ies)\)$|ware$|utilities$|RAT$/.test(k) ? `${k}s?` : `${k}(?:e?s)?`);
const KIND_ALT = (Object.entries(KINDS) as [StructureType, readonly string[]][])
  .flatMap(([, ks]) => ks)
  .sort((a, b) => b.length - a.length)
  .map(plural)
  .join('|');
const KIND_RE = new RegExp(`^(?:${KIND_ALT})$`, 'i');
/** Kind words in any case, names in theirs: the flag applies to the kind only. */
const KIND_ANY = `(?i:${KIND_ALT})`;

/** The type a kind phrase gives ("banking trojans" -> malware, "post-exploitation framework" -> tool). */
const KIND_TYPES = (Object.entries(KINDS) as [StructureType, readonly string[]][]).map(
  ([type, ks]) => [type, new RegExp(`^(?:${ks.map(plural).join('|')})$`, 'i')] as const,
);
const kindTypes = new Map<string, StructureType | undefined>();

export function kindType(kind: string): StructureType | undefined {
  const key = kind.trim();
  if (!kindTypes.has(key)) kindTypes.set(key, KIND_TYPES.find(([, re]) => re.test(key))?.[0]);
  return kindTypes.get(key);
}

/**
 * Words that are capitalised for another reason than naming a family: a platform, a language, a
 * file type ("a VBS downloader"), an origin, a determiner opening a sentence.
 */
const NOT_A_NAME =
  /^(?:The|This|That|These|Those|Our|Their|Its|His|Her|New|Same|Other|Such|Some|Many|Several|Both|All|Any|Each|Another|One|Two|Three|Most|Older|Newer|Latest|Known|Popular|Common|Custom|Modular|Open|Remote|Unknown|Generic|Malicious|Commodity|Legitimate|Free|Public|Private|Second|First|Stage|Final|Initial|Python|Windows|Linux|Unix|macOS|MacOS|Mac|Android|iOS|Java|JavaScript|TypeScript|Node|Go|Golang|Rust|PowerShell|VBScript|JScript|AutoIt|AutoHotkey|Perl|Ruby|PHP|Lua|Nim|Batch|VBA|Delphi|NET|C|C\+\+|Telegram|Discord|GitHub|Chrome|Firefox|Excel|Word|Office|Microsoft|Google|Apple|PDF|ZIP|DLL|EXE|LNK|ISO|HTML|JS|VBS|VBE|HTA|JAR|BAT|CMD|PS1|MSI|XLS|XLSM|XLSX|XLL|DOC|DOCM|DOCX|RTF|CHM|WSF|SCR|CAB|RAR|IMG|VHD|ELF|APK|DMG|OneNote|C2|CnC|IP|URL|API|DNS|HTTP|HTTPS|TCP|UDP|SMB|RDP|SSH|VPN|ID|SDK|UI|CPU|OS|npm|PyPI|North|South|East|West|Korean|Chinese|Russian|Iranian|DPRK|Crypto|Cryptocurrency|Bitcoin|Ethereum|Monero|XMR|Litecoin|Dogecoin|Zcash|Solana|Tron|Banking|Mobile|Ransomware|Malware|Trojan|Backdoor|Loader|Stealer|RAT|Tool|Tools|Group|APT|Also|And|Or|Including|Like|Such|As|In|On|For|With|From|By|Of|To|At|A|An)$/;
/** A demonym ("Iranian", "Vietnamese", "Turkish"): an origin, not a name. */
const DEMONYM = /^[A-Z][a-z]+(?:ian|ean|ese|ish|ic)$/;
/** A service model, an attack class or a sales claim as an acronym ("RaaS", "DDoS", "FUD"): no family. */
const GENERIC_ACRONYM = /^(?:[A-Z][a-z]?aaS|D?DoS|FUD)$/;

/** One word of a name: capitalised, with capitals, digits or code-like inner characters. */
const WORD = String.raw`[A-Z0-9][\p{L}\p{N}_.+-]{0,30}[\p{L}\p{N}+]|[a-z]{1,12}[A-Z][\p{L}\p{N}_.-]{0,28}|[A-Z]`;
/** A name: one to three such words ("Cobalt Strike", "Hallaj Pro RAT", "gh0st"). */
const NAME = `(?:${WORD})(?: (?:${WORD})){0,2}`;
/** A list item may also be a code-like lower-case word ("certutil", "curl"), checked by the caller. */
const ITEM = `(?:${NAME}|[a-z][a-z0-9_.+-]{1,30})`;
const OPEN = `[*_“"']{0,2}`;
const CLOSE = OPEN;
const LIST = String.raw`${OPEN}${ITEM}${CLOSE}(?:(?:,|,? and|,? or|;)[ \t]{1,3}${OPEN}${ITEM}${CLOSE}){0,12}`;

/**
 * The parts of a program or a host a naming verb may name instead of the family ("the malware
 * has classes named X", "the loader writes a file named X"): between a kind word and "named",
 * such a word takes the name.
 */
const ARTEFACT = String.raw`\b(?:class|function|method|module|procedure|routine|variable|parameter|argument|field|property|key|value|string|file|folder|directory|path|mutex|event|pipe|task|service|process|thread|export|section|resource|registry|account|user|domain|server|host|channel|campaign|project|repository)(?:e?s)?\b`;

export interface StructureRule {
  id: string;
  /** What the rule finds. */
  describe: string;
  /** A sticky pattern with a `kind` and a `list` group, tried at each kind word (rules whose kind word comes first). */
  pattern?: RegExp;
  /**
   * For rules whose names come before the kind word: how many names, and the gap to the kind word.
   * They are read backwards from each kind word, so the text is scanned once for kind words and
   * never from every capital.
   */
  before?: {
    minNames: number;
    maxNames: number;
    /** What stands between the last name and the kind word, matched at the end of the text before it. */
    lead: RegExp;
    /** The name must open its line (after a bullet or a number): a definition, not a sentence. */
    opensLine?: boolean;
  };
  /** Sentences that must yield exactly these names (and their types). */
  examples: ReadonlyArray<{ text: string; expected: ReadonlyArray<[StructureType, string]> }>;
  /** Sentences that must yield none of these names. */
  counterExamples: ReadonlyArray<{ text: string; notExpected: readonly string[] }>;
}

export const STRUCTURE_RULES: readonly StructureRule[] = [
  {
    id: 'kind-such-as-list',
    describe: 'a plural kind word, then "such as / like / including / e.g.", then a list: each item is of that kind',
    pattern: new RegExp(
      String.raw`\b(?<kind>${KIND_ANY})\b,?[ \t]{1,3}(?:such as|like|including|e\.g\.,?|namely|notably|among them|for example|for instance)[ \t:]{1,3}(?<list>${LIST})`,
      'uy',
    ),
    examples: [
      {
        text: 'The actor relied on loaders such as Quillgate, Tarnwick and Brassmoth.',
        expected: [
          ['malware', 'Quillgate'],
          ['malware', 'Tarnwick'],
          ['malware', 'Brassmoth'],
        ],
      },
      {
        text: 'Operators staged tools like Mimikatz, certutil and Rclone before exfiltration.',
        expected: [
          ['tool', 'Mimikatz'],
          ['tool', 'certutil'],
          ['tool', 'Rclone'],
        ],
      },
      {
        text: 'It delivers banking trojans, including The Quill and Tarnwick, to the region.',
        expected: [
          ['malware', 'The Quill'],
          ['malware', 'Tarnwick'],
        ],
      },
    ],
    counterExamples: [
      { text: 'They used tools such as remote desktop software and cloud storage.', notExpected: ['remote', 'cloud'] },
      { text: 'Loaders are common. Such as Quillgate is not how anyone writes.', notExpected: ['Quillgate'] },
    ],
  },
  {
    id: 'list-then-kind',
    describe: 'two or more names, then a plural kind word: "A, B and C ransomware"',
    before: { minNames: 2, maxNames: 13, lead: /[ \t]{1,3}$/ },
    examples: [
      {
        text: 'Victims were hit by Quillgate, Tarnwick and Brassmoth ransomware in turn.',
        expected: [
          ['malware', 'Quillgate'],
          ['malware', 'Tarnwick'],
          ['malware', 'Brassmoth'],
        ],
      },
    ],
    counterExamples: [
      { text: 'The Python and Windows malware share code.', notExpected: ['Python', 'Windows'] },
      { text: 'It targets Russian and Iranian ransomware gangs.', notExpected: ['Russian', 'Iranian'] },
    ],
  },
  {
    id: 'appositive-kind',
    describe: 'a name, then "a/an [up to three words] KIND": "X, a credential stealer,"; "X is a backdoor"',
    before: {
      minNames: 1,
      maxNames: 1,
      lead: /(?:,|[ \t]+(?:is|was|remains|as)) (?:a|an|another|the) (?:[\w.#-]{2,20} ){0,3}$/,
    },
    examples: [
      { text: 'Quillgate, a credential stealer, arrived next.', expected: [['malware', 'Quillgate']] },
      { text: 'Tarnwick is a modular .NET backdoor written in C#.', expected: [['malware', 'Tarnwick']] },
      { text: 'Brassmoth, an open-source post-exploitation framework, was loaded.', expected: [['tool', 'Brassmoth']] },
      { text: 'We assessed Quillgate as a high-capability APT group.', expected: [['intrusion-set', 'Quillgate']] },
    ],
    counterExamples: [
      { text: 'The central bank set up the Quillgate framework for testing banks.', notExpected: ['Quillgate'] },
      { text: 'Quillgate, a testing framework for regulators, was adopted.', notExpected: ['Quillgate'] },
      { text: 'This is a backdoor we had not seen.', notExpected: ['This'] },
      { text: 'In March, a new loader appeared.', notExpected: ['March', 'In March'] },
    ],
  },
  {
    id: 'name-then-kind',
    describe:
      'a name written as one (capitals inside, digits, no English word) right before a kind word: "the Quillgate loader"',
    before: { minNames: 1, maxNames: 1, lead: /[ \t]$/ },
    examples: [
      { text: 'We found the Quillgate loader on two hosts.', expected: [['malware', 'Quillgate']] },
      { text: 'A new VXStealer variant spread through ads.', expected: [] },
      { text: 'Logs showed the TarnWick backdoor beaconing.', expected: [['malware', 'TarnWick']] },
      { text: 'Logs showed the Mimikatz TarnWick backdoor beaconing.', expected: [['malware', 'TarnWick']] },
      { text: 'Modified TarnWick Packer', expected: [['tool', 'TarnWick']] },
      { text: '| 10.0.0.5:4442 | Quillgate backdoor |', expected: [['malware', 'Quillgate']] },
    ],
    counterExamples: [
      { text: 'The Windows malware and the Android RAT differ.', notExpected: ['Windows', 'Android'] },
      { text: 'Shellcode loaders are common in these kits.', notExpected: ['Shellcode'] },
      { text: 'The Lanternfish 42 Malware Intelligence team saw it.', notExpected: ['Lanternfish 42'] },
      { text: 'A Monero miner ran on the host.', notExpected: ['Monero'] },
      { text: 'Iranian ransomware gangs are busy.', notExpected: ['Iranian'] },
      { text: 'A Russian-speaking actor sold a FUD crypter.', notExpected: ['Russian-speaking', 'FUD'] },
      { text: '| 4f2a | Decrypted Quillgate loader |', notExpected: ['Decrypted Quillgate', 'Decrypted'] },
      { text: '- Headerless payload dropper', notExpected: ['Headerless'] },
      { text: 'The link served a VBS downloader and then an HTA dropper.', notExpected: ['VBS', 'HTA'] },
      { text: 'It ran a JScript loader, then an AutoIt backdoor.', notExpected: ['JScript', 'AutoIt'] },
      { text: 'The sample checks for the VMware Tools utility first.', notExpected: ['VMware', 'VMware Tools'] },
    ],
  },
  {
    id: 'kind-called-name',
    describe: 'a kind word, then "called / named / dubbed / known as / tracked as" a name',
    pattern: new RegExp(
      String.raw`\b(?<kind>${KIND_ANY})\b(?:(?!${ARTEFACT})[^.;\n]){0,40}?\b(?:called|named|dubbed|(?:we|researchers|they) (?:call|named?|dubbed|track) (?:it|them)(?: as)?|tracked as|known(?: (?:in|on|among|to) [\w ]{1,30}?)? as|which we call)\s{1,3}(?<list>${OPEN}${NAME}${CLOSE})`,
      'uy',
    ),
    examples: [
      { text: 'It drops a backdoor dubbed Quillgate.', expected: [['malware', 'Quillgate']] },
      {
        text: 'The job delivered an implant that researchers have called\n**QUILL.GATE** in their write-up.',
        expected: [['malware', 'QUILL.GATE']],
      },
      {
        text: 'The newest offer is a document builder, known in the underground as “Quillgate,” sold by the month.',
        expected: [['tool', 'Quillgate']],
      },
    ],
    counterExamples: [
      { text: 'The stealer called home every hour.', notExpected: ['home'] },
      {
        text: 'The malware has three separate classes named "BrassProvider" and "MailProvider".',
        notExpected: ['BrassProvider'],
      },
      { text: 'The loader writes a file named Quillgate.dat to disk.', notExpected: ['Quillgate.dat', 'Quillgate'] },
    ],
  },
  {
    id: 'kind-then-name',
    describe:
      'a kind word right before a name written as one (capitals inside, digits, no English word): "the ransomware Quillgate", "the actor TA9001"',
    pattern: new RegExp(
      String.raw`\b(?<kind>${KIND_ANY})[ \t]{1,3}(?<list>${OPEN}${NAME}${CLOSE})(?![\p{L}\p{N}])`,
      'uy',
    ),
    examples: [
      { text: 'Then the ransomware Quillgate encrypted the shares.', expected: [['malware', 'Quillgate']] },
      { text: 'The cybercrime actor TA9001 sent forty thousand messages.', expected: [['intrusion-set', 'TA9001']] },
    ],
    counterExamples: [
      { text: 'The loader Windows defender flagged was old.', notExpected: ['Windows'] },
      { text: 'We saw the backdoor Monday and the loader Tuesday.', notExpected: ['Monday', 'Tuesday'] },
      { text: 'The malware Once installed, it beacons.', notExpected: ['Once'] },
      { text: 'This threat actor Microsoft tracks as a cluster is busy.', notExpected: ['Microsoft'] },
    ],
  },
  {
    id: 'definition-line',
    describe:
      'a line that opens with a name, a colon and what it is: "QUILLGATE: malware capable of ...", "- Tarnwick: brute-force tool"',
    before: {
      minNames: 1,
      maxNames: 1,
      // An aside may follow the name ("Quillgate (also called Orz):"); what it is opens the text.
      lead: /(?:[ \t]*\([^()\n]{1,60}\))?[*_]{0,2}[ \t]*(?::|[ \t][-–—])[ \t]{1,3}(?:(?!(?:The|This|That|It|Its|A|An|Our|We)\b)[A-Za-z][\w-]{0,20}[ \t]+){0,4}$/,
      opensLine: true,
    },
    examples: [
      { text: '• QUILLGATE: malware capable of scanning ports.', expected: [['malware', 'QUILLGATE']] },
      { text: 'TARNWICK: Brute force tool to attack different services.', expected: [['tool', 'TARNWICK']] },
      {
        text: 'Brassmoth4 (also called “Quill”): Malware written in JavaScript.',
        expected: [['malware', 'Brassmoth4']],
      },
    ],
    counterExamples: [
      { text: 'Persistence: The malware adds a run key.', notExpected: ['Persistence'] },
      { text: 'In the report, Quillgate: malware we had not seen.', notExpected: ['Quillgate'] },
      { text: 'Summary: this backdoor beacons hourly.', notExpected: ['Summary'] },
    ],
  },
];

const SPLIT = /(?:,|,? and|,? or|;)[ \t]{1,3}/;
const OPENS_SEGMENT = /(?:^|[.!?:]\s+|\n[ \t>#*+|-]*|\|[ \t]*|\s[-–—][ \t]+|!?\[)[*_“"']{0,3}$/;

export interface NameCheck {
  /** A name the catalogues know in any case ("certutil"), so a lower-case item may stand. */
  known(name: string): boolean;
  /** An English word in lower case. */
  english(word: string): boolean;
  /** A popular site's name ("VMware", "Rapid7"): the company or its product, not a family. */
  brand?(word: string): boolean;
}

/** Whether `name` reads as a name in the rule's position. */
/** "Python-based", "China-linked", "IRS-themed": a compound that describes, not a name. */
const ATTRIBUTIVE =
  /-(?:based|linked|aligned|backed|sponsored|themed|like|style|related|specific|enabled|powered|nexus|affiliated|made|written|compiled|packed|signed|hosted|delivered|speaking|language|motivated|focused|oriented)$/i;
/** Short month names ("Nov 16"), besides the full ones. */
const MONTH_SHORT = /^(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)$/;

const AFFIX_BEFORE =
  /^(?:multi|de|en|un|re|pre|non|anti|off|on|over|under|self|sub|inter|cross|counter|mis)(?=[a-z]{3})/;
const AFFIX_AFTER = /(?<=[a-z]{3})(?:less|ed|ing|er|ers|s|ly|able|ness)$/;

/**
 * An English word, or one built from English words and affixes ("Decrypted", "Headerless",
 * "Shellcode", "Offline", "Multilanguage"): at the start of a sentence or a cell its capital says
 * nothing, so it is no name there. "Socat" and "Pyrome" are no such words.
 */
function madeOfEnglish(word: string, check: NameCheck, depth = 0): boolean {
  if (check.english(word)) return true;
  if (depth > 2) return false;
  const bare = word.replace(AFFIX_BEFORE, '');
  if (bare !== word && madeOfEnglish(bare, check, depth + 1)) return true;
  const stem = word.replace(AFFIX_AFTER, '');
  if (stem !== word && madeOfEnglish(stem, check, depth + 1)) return true;
  // Two English words run together, each of three letters or more.
  for (let i = 3; i <= word.length - 3; i++)
    if (check.english(word.slice(0, i)) && madeOfEnglish(word.slice(i), check, depth + 1)) return true;
  return false;
}

function readsAsName(name: string, rule: string, check: NameCheck, sentenceInitial = false): boolean {
  const words = name.split(' ');
  // "The Trick" for the catalogue's "TheTrick": a known name written apart.
  if (words.length > 1 && check.known(words.join(''))) return true;
  // A name starts with a letter: "2020", "4.The" (a numbered item running into its text) are not.
  // (A dot before a capitalised word is a sentence running on, "Proofpoint.Lookback"; a dot
  // between capitals is part of a name, "FULLHOUSE.DOORED".)
  if (!/^\p{L}/u.test(name) || /\.\p{Lu}\p{Ll}/u.test(name)) return false;
  if (
    words.some(
      (w) =>
        NOT_A_NAME.test(w) ||
        DEMONYM.test(w) ||
        GENERIC_ACRONYM.test(w) ||
        CALENDAR.test(w) ||
        MONTH_SHORT.test(w) ||
        ATTRIBUTIVE.test(w),
    )
  )
    return false;
  // "PE", "OK", "ET": two-letter capitals are abbreviations, not family names.
  if (words.length === 1 && /^[A-Z]{1,2}$/.test(name)) return false;
  if (/^[a-z]/.test(name)) return rule === 'kind-such-as-list' && check.known(name);
  if (check.known(name)) return true;
  // Directly before a kind word nothing else says it is a name: capitals inside, a digit, or a
  // word that is no English word must.
  // Only a naming verb ("dubbed X") makes any capitalised word a name; elsewhere a word that is
  // everyday English needs capitals inside, a digit or full capitals to be one.
  if (rule === 'kind-called-name') return true;
  // "VMware Tools", "the Rapid7 framework": a popular site's name before a kind word is its product.
  if (check.brand && words.some((w) => check.brand?.(w))) return false;
  // A capital that opens a sentence says nothing ("Shellcode loaders ...", "Decrypted Taurus
  // samples ..."): an unknown name there needs capitals inside, a digit or full capitals.
  // (An appositive, "X, a backdoor,", says it is a name wherever it stands.)
  if (
    sentenceInitial &&
    rule !== 'appositive-kind' &&
    !/\p{Ll}\p{Lu}|\d|^[A-Z]{3,}$/u.test(words[0] as string) &&
    madeOfEnglish((words[0] as string).toLowerCase(), check)
  )
    return false;
  const distinctive = (w: string) => /\p{Ll}\p{Lu}|\d|^[A-Z]{3,}$/u.test(w) || !check.english(w.toLowerCase());
  return rule === 'name-then-kind' ||
    rule === 'appositive-kind' ||
    rule === 'kind-then-name' ||
    rule === 'definition-line'
    ? words.every(distinctive)
    : distinctive(words[0] as string);
}

/** Every kind word of the text, scanned once. */
// ASCII word boundaries and no 'u' flag: kind words are ASCII, and Unicode classes cost five times.
const KIND_SCAN = new RegExp(`\\b(?:${KIND_ANY})\\b`, 'g');
/** One word of a name, with its quotes or emphasis. */
const NAME_WORD = new RegExp(`^${OPEN}(?:${WORD})${CLOSE}$`, 'u');
const TOKEN_CHAR = /[\p{L}\p{N}_.+*“"'”-]/u;
/** What opens a line before a name: the line start, a bullet or a number, emphasis. */
const LINE_OPENING = /(?:^|\n)[ \t]*(?:(?:[-*•·+]|\d{1,2}[.)])[ \t]+)?[*_]{0,2}$/;
/** What may stand between two names of a list, read at the end of the text before a name. */
const LIST_SEPARATOR = /(?:,|,? and|,? or|;)[ \t]{1,3}$/;

/**
 * The list of names that ends right before `end` (a kind word), read backwards: at most
 * `maxNames` names of one to three words, with list separators between them. Undefined when fewer
 * than `minNames` stand there. Linear in the length of what it reads.
 */
function listBefore(
  text: string,
  end: number,
  spec: NonNullable<StructureRule['before']>,
): { start: number; end: number } | undefined {
  const window = text.slice(Math.max(0, end - 120), end);
  const lead = spec.lead.exec(window);
  if (!lead) return undefined;
  const gapStart = end - lead[0].length;
  let pos = gapStart;
  let start = -1;
  let names = 0;
  while (names < spec.maxNames) {
    // One name: up to three words, one space apart.
    let nameStart = -1;
    let p = pos;
    for (let words = 0; words < 3; words++) {
      let q = p;
      while (q > 0 && p - q <= 40 && TOKEN_CHAR.test(text[q - 1] as string)) q--;
      if (q === p || !NAME_WORD.test(text.slice(q, p))) break;
      nameStart = q;
      if (text[q - 1] !== ' ' || q < 2 || !TOKEN_CHAR.test(text[q - 2] as string)) break;
      p = q - 1;
    }
    if (nameStart < 0) break;
    // A name starts a word: nothing of a word may stand right before it.
    if (nameStart > 0 && /[\p{L}\p{N}]/u.test(text[nameStart - 1] as string)) break;
    names++;
    start = nameStart;
    const sep = LIST_SEPARATOR.exec(text.slice(Math.max(0, nameStart - 8), nameStart));
    if (!sep) break;
    pos = nameStart - sep[0].length;
  }
  if (spec.opensLine && start >= 0 && !LINE_OPENING.test(text.slice(Math.max(0, start - 12), start))) return undefined;
  return names >= spec.minNames && start >= 0 ? { start, end: gapStart } : undefined;
}

/** Every name a structure rule finds, with the type its kind word gives. */
/** Every name a structure rule finds, with the type its kind word gives. */
export function findStructured(text: string, check: NameCheck): StructureHit[] {
  const out: StructureHit[] = [];
  const kinds = [...text.matchAll(KIND_SCAN)];
  for (const rule of STRUCTURE_RULES) {
    const matches: Array<{ kind: string; list: string; listAt: number; kindEnd: number }> = [];
    // A pattern is tried only where a kind word starts (sticky), not from every offset.
    if (rule.pattern)
      for (const k of kinds) {
        rule.pattern.lastIndex = k.index;
        const m = rule.pattern.exec(text);
        if (!m) continue;
        const list = m.groups?.list ?? '';
        const kind = m.groups?.kind ?? '';
        matches.push({
          kind,
          list,
          listAt: m.index + m[0].indexOf(list),
          kindEnd: m.index + m[0].indexOf(kind) + kind.length,
        });
      }
    if (rule.before)
      for (const k of kinds) {
        const span = listBefore(text, k.index, rule.before);
        if (span)
          matches.push({
            kind: k[0],
            list: text.slice(span.start, span.end),
            listAt: span.start,
            kindEnd: k.index + k[0].length,
          });
      }
    for (const { kind, list, listAt, kindEnd } of matches) {
      const type = kindType(kind);
      if (!type || !KIND_RE.test(kind)) continue;
      // "ET MALWARE Win32/...": a kind word in full capitals heads a signature or a heading, not a
      // sentence (RAT, APT and RMM are written so everywhere).
      if (/^[A-Z\s]{4,}$/.test(kind) && !/^(?:RATS?|APTS?|RMM)$/.test(kind)) continue;
      // "Intel 471 Malware Intelligence": a capitalised kind word running on into another
      // capitalised word is part of a product's or a team's name.
      if (/^[A-Z][a-z]/.test(kind) && /^ [A-Z][a-z]/.test(text.slice(kindEnd, kindEnd + 3))) continue;
      let offset = 0;
      for (const raw of list.split(SPLIT)) {
        const at = list.indexOf(raw, offset);
        offset = at + raw.length;
        let name = raw.replace(/^[*_“"']+|[*_”"'.]+$/g, '');
        let start = listAt + at + raw.indexOf(name);
        // "APT27 ZxShell rootkit": a known name before the family's own is its owner, not part of it.
        const owner = /^(\S+) (?=\S)/.exec(name);
        if (owner && check.known(owner[1] as string) && !check.known(name)) {
          name = name.slice(owner[0].length);
          start += owner[0].length;
        }
        // A sentence, a line, a list item, a table cell, a label after a dash or an image's alt
        // text all open with a capital that says nothing.
        const opensSentence = OPENS_SEGMENT.test(text.slice(Math.max(0, start - 8), start));
        let reads = name.length >= 2 && readsAsName(name, rule.id, check, opensSentence);
        // "Modified UPX packer": a word before the family's name that reads as none describes it.
        while (!reads && rule.id === 'name-then-kind' && name.includes(' ')) {
          const cut = name.indexOf(' ') + 1;
          name = name.slice(cut);
          start += cut;
          // What is left opens the name as a sentence would: its capital says nothing.
          reads = name.length >= 2 && readsAsName(name, rule.id, check, true);
        }
        if (!reads) {
          // A list ends where its items stop reading as names.
          if (rule.id === 'kind-such-as-list') break;
          continue;
        }
        // "the Coak crypter", "Veil Framework": reports name the family with its kind word as often
        // as without, so that form is an alias.
        const withKind =
          rule.id === 'name-then-kind' && !/\s/.test(kind) ? `${name} ${kind.replace(/s$/, '')}` : undefined;
        out.push({ type, name, start, end: start + name.length, rule: rule.id, ...(withKind ? { withKind } : {}) });
      }
    }
  }
  return out;
}
