// Organisations: front companies and victims named with a company form ("Taggcar Inc.",
// "Korea Sobaeksu Trading Company"), state bodies of the adversary ("Reconnaissance General
// Bureau"), and employers or projects the text names as victims or employers.
import { titleCase } from '../text/case.ts';

export interface OrgHit {
  name: string;
  aliases: string[];
  start: number;
  end: number;
  /** What says it is an organisation of the report. */
  cue: OrgCue;
}

export type OrgCue =
  | 'organisation-legal-form'
  | 'organisation-state-body'
  | 'organisation-front'
  | 'organisation-sanctions'
  | 'organisation-victim'
  | 'organisation-head-noun';

// Every repetition is bounded and every pattern anchored at a word start: linear on long runs.
// A rule whose keyword is rare and whose name comes before it reads the name in a lookbehind, so
// the engine stops at the keyword only (a frequent keyword, "company", "exploit", stays forward:
// measured, the lookbehind then costs more than it saves).
const FORM = String.raw`(?:Co\.,?\s*Ltd\.?|Co\.|Inc\.?|LLC|L\.L\.C\.|Ltd\.?|Limited|Corporation|Corp\.|Company|GmbH|S\.A\.|PLC|Pte\.? Ltd\.?)`;
const LEGAL_FORM = new RegExp(
  // No word of the name is itself a legal form: "SoftGlide LLC. BlockNovas LLC" is two names.
  String.raw`(?<=(?<![\w&'’.-])((?:(?!${FORM}(?![\w]))[A-Z][\w&'’.-]{0,30}\s+){0,6}(?!${FORM}(?![\w]))[A-Z][\w&'’-]{0,40})\s+)(${FORM})(?![\w])`,
  'g',
);
const STATE_BODY = String.raw`\b(?:Ministry of [A-Z][\w'’]{0,30}(?:\s[A-Z][\w'’]{0,30}){0,3}|(?:[A-Z]\w{0,30}\s){1,3}(?:General Bureau|Industry Department|Banking Corporation))`;
const UPPER_ORG =
  /\b((?:[A-Z][A-Z&'’-]{1,30}\s+){1,6}?)(?:CO\.,?\s*LTD\.?|CO\.|INC\.?|LLC|LTD\.?|LIMITED|CORPORATION|CORP\.|COMPANY|GENERAL BUREAU|INDUSTRY DEPARTMENT)(?![\w])/g;
// "Volasys Silver Star was set up in 2017 as a Russia-based front", "Acme Ltd, a front company":
// a capitalised name opening a clause, then (within the clause) what it is.
const FRONT =
  /(?:^|[.;:!?]\s+|\n\s*)((?:[A-Z][\w&'’.-]{1,30} ){0,3}[A-Z][\w&'’-]{1,30})(?:,| (?:is|was|are|were|served|acted|operated|functioned))[^.;\n]{0,60}? an? (?:[\w-]{1,25} ){0,2}?front(?: company| companies| firm| entity| organi[sz]ation)?\b/g;
// "front companies Acme Ltd and Beta LLC", "the front company Volasys Silver Star".
const FRONT_BEFORE =
  /\bfront (?:company|companies|firm|entity|organi[sz]ation) (?:called |named )?((?:[A-Z][\w&'’.-]{1,30} ){0,3}[A-Z][\w&'’-]{1,30})/g;
// "a firm he says is "Arcturus Talent Partners"", "a company called "...": a firm's name given in
// quotes, a claimed employer. Only a naming link between them ("the company where the "X"
// persona worked" names a person).
const QUOTED_FIRM =
  /\b(?:firm|company|agency|employer|startup|business)(?:,\s*|\s+(?:called|named|known as)\s+|\s+(?:he|she|they)\s+(?:says?|said|calls?|called|claims?|claimed)(?:\s+is)?\s+)[“"]((?:[A-Z][\w&'’.-]{1,30}\s+){1,4}[A-Z][\w&'’-]{1,30})[”"]/g;
// "three shell companies that posed as consulting firms: Acme LLC, Larkspur Agency and Beta LLC".
const FRONT_LIST =
  /\b(?:shell|front) (?:companies|firms|entities|businesses)\b[^.:;\n—–]{0,60}?(?::|—|–|--)\s*([^.;:\n—–]{3,200})/g;
const LIST_ITEM = /^(?:[A-Z][\w&'’.-]{0,30}\s+){0,4}[A-Z][\w&'’.-]{0,30}$/;
const UPPER_STATE_BODY = /\bMINISTRY OF (?:[A-Z][A-Z'’]{1,30}\s){0,3}[A-Z][A-Z'’]{1,30}\b/g;
const NOT_ORG =
  /\b(?:Department of Justice|Justice Department|Attorney|Federal Bureau|Bureau of Investigation|Treasury|Office of|District|Court|Internal Revenue|Social Security|Securities and Exchange|Homeland|Commerce|Department of State|State Department)\b/;
const VICTIM_CUES = [
  /\b(?:hack|theft|breach|compromise|drain(?:ing)?|exploit) of (?:the )?([A-Z][\w{}]{1,40}(?: [A-Z][\w{}]{1,40})?)\b/g,
  // "stole $600 million from Sky Mavis", "drained funds from Atomic Wallet".
  /\b(?:stole|steal(?:s|ing)?|stolen|drained|siphoned|took|theft)\b[^.;\n]{0,60}? from (?:the )?([A-Z][\w{}]{1,40}(?: [A-Z][\w{}]{1,40})?)\b/g,
  // "Sky Mavis, a Vietnamese game studio", "Bybit, a cryptocurrency exchange".
  /\b([A-Z][\w{}]{1,40}(?: [A-Z][\w{}]{1,40})?), an? (?:[\w-]{1,25} ){0,3}?(?:exchange|company|firm|studio|startup|platform|protocol|bank|developer|employer|marketplace|(?:service |software )?(?:provider|vendor))\b/dg,
  // "theft of $1.5 billion from the cryptocurrency exchange Bybit".
  /\bfrom (?:the |a |an )?(?:[\w-]{1,25} ){0,2}?(?:exchange|company|firm|platform|protocol|studio|startup|bank|employer) ([A-Z][\w{}]{1,40}(?: [A-Z][\w{}]{1,40})?)\b/g,
  // "before the Larkspur theft", "the Kestrel hack": an incident named after its victim.
  /\bthe ([A-Z][\w{}]{1,40}(?: [A-Z][\w{}]{1,40})?) (?:theft|hack|heist|breach|exploit|compromise|intrusion)\b/dg,
  // "they breached Larkspur": the object of a break-in.
  /\b(?:breached|hacked|infiltrated) (?:the )?([A-Z][\w{}]{1,40}(?: [A-Z][\w{}]{1,40})?)\b/g,
  // "an engineer at the wallet-software company Larkspur": the employer of a targeted person.
  /\b(?:engineers?|employees?|developers?|staff(?:ers?)?|workers?) (?:at|of) (?:the |a |an )?(?:[\w-]{1,25} ){0,2}?(?:company|firm|exchange|startup|platform|provider) ([A-Z][\w{}]{1,40}(?: [A-Z][\w{}]{1,40})?)\b/g,
  // "used on the Larkspur engineer", "targeting a Kestrel developer".
  /(?<=\b(?:on|against|targeting|targeted) (?:the |an? )([A-Z][\w{}]{1,40}(?: [A-Z][\w{}]{1,40})?) )(?:engineers?|employees?|developers?|staff(?:ers?)?)\b/dg,
  // "the sidechain bridge run by Larkspur": the operator of what was drained or breached.
  /\b(?:bridge|exchange|protocol|wallet|platform|game) (?:run|operated|owned|maintained) by ([A-Z][\w{}]{1,40}(?: [A-Z][\w{}]{1,40})?)\b/g,
  // "the victim company Acme", "victim exchange Bybit", "the victim, Acme".
  /\bvictim(?:ised|ized)? (?:company|companies|firm|exchange|organi[sz]ation|employer|platform),? ([A-Z][\w{}]{1,40}(?: [A-Z][\w{}]{1,40})?)\b/g,
  /\b(?:from|at) the ([A-Z][\w{}]{1,40}(?: [A-Z][\w{}]{1,40})?) (?:exchange|bridge|protocol|DAO)\b/dg,
  /\b(?:contributed to|contributor to|worked on|hired by|employed by|developer (?:on|for)|listed as a developer on) ([A-Z][\w{}]{1,40}(?: [A-Z][\w{}]{1,40})?)(?:'s)?\b/g,
  /(?<=\b([A-Z][\w{}]{1,40}) )(?:contributor|team page)\b/dg,
  /(?<=\bThe ([A-Z][\w{}]{1,40}) )team\b/dg,
  /\bProject:\s*([A-Z][\w{}]{1,40})/g,
  /"victim"\s*:\s*\{\s*"name"\s*:\s*"([^"]{2,60})"/g,
  // "the Axie DAO", "Ronin Network": the word is part of the name; "the Ronin bridge" is not.
  /\b([A-Z][\w{}]{1,40}(?: [A-Z][\w{}]{1,40})? (?:Network|DAO))\b/g,
  /(?<=\b([A-Z][\w{}]{1,40}(?: [A-Z][\w{}]{1,40})?) )bridge\b/dg,
];
// "Foreign Trade Bank", "Kim Il Sung University", "Pyongyang Institute of Technology": the head
// noun says it is an organisation, whatever legal form it lacks.
const HEAD_NOUN =
  /(?<![\w&'’-])((?:[A-Z][\w&'’-]{1,30}\s){1,5}(?:Bank|University|Institute|Academy|College|Bureau|Commission|Association|Foundation|Laboratory|Trading Corporation|Banking Corporation))(?:\s+of\s+(?:the\s+)?[A-Z][\w'’-]{1,30}(?:\s[A-Z][\w'’-]{1,30}){0,3})?(?![\w-])/g;
// "Bureau 121", "Unit 180", "Lab 110", "313 General Bureau", "Third Research Center": a numbered
// or ordinal unit of a state body.
const NUMBERED_UNIT =
  /\b(?:(?:Bureau|Unit|Lab|Laboratory|Office|Department|Division|Directorate)\s\d{2,4}|\d{2,4}\s(?:General\s)?(?:Bureau|Unit|Lab|Office|Department)|(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth)\s(?:Research\s)?(?:Center|Centre|Bureau|Department|Directorate|Division))\b/g;
// "LIMITED LIABILITY COMPANY VOLASYS SILVER STAR", "OOO Volasys": a legal form written first.
const FORM_FIRST =
  /\b(?:LIMITED LIABILITY COMPANY|Limited Liability Company|JOINT[- ]STOCK COMPANY|Joint[- ]Stock Company|OOO|OAO|ZAO|PAO)\s+[“"«]?((?:[A-Z][\w&'’-]{1,30}\s?){1,5})[”"»]?/g;
/** Head-noun names that are the reporting or prosecuting side, or generic. */
const NOT_HEAD_ORG =
  /^(?:The|A|An|This|That|Our|Their|World|Central|National|Federal|Reserve|Internet|Cyber|Security|Data|Research|Development)\s/;

const NOT_VICTIM =
  /^(?:The|This|That|A|An|Our|Their|His|Her|Its|It|We|They|In|On|At|For|From|With|By|Of|Safe|Ethereum|Bitcoin|Solana|Tron|Binance|Smart|Dark|Tor|Lightning|Social|Security|Internet|Digital|National|Federal|DPRK|North|South|Network|Obyte \/|January|February|March|April|May|June|July|August|September|October|November|December)$/;

const STATE_BODY_ALL = new RegExp(STATE_BODY, 'g');

export function findOrganisations(text: string, isKnownName: (name: string) => boolean): OrgHit[] {
  const out: OrgHit[] = [];
  const push = (name: string, aliases: string[], start: number, end: number, cue: OrgCue) => {
    const n = name.replace(/\s+/g, ' ').trim();
    if (n.length < 3 || NOT_ORG.test(n) || isKnownName(n)) return;
    out.push({ name: n, aliases, start, end, cue });
  };
  // Anchored on the legal form, the name read backwards from it (at most seven words): the engine
  // stops at each "LLC", not at every capital of the text.
  for (const m of text.matchAll(LEGAL_FORM)) {
    // "Entities\n\nACME LLC": a heading above the name, a blank line apart, is not part of it.
    const raw = m[1] as string;
    const cut = raw.search(/\n[ \t]*\n\s*(?=\S)[^\n]*$/);
    const base = (cut >= 0 ? raw.slice(cut).trim() : raw).replace(/^(?:The|A|An|and|by|of)\s+/, '');
    if (!/^[A-Z]/.test(base) || /^(?:Company|Corporation)$/.test(base)) continue;
    const full = `${base} ${m[2]}`.replace(/\s+/g, ' ');
    // A name all in capitals is a sanctions-list entry: the capitals rule below names it.
    if (!/[a-z]/.test(full) && /^(?:CO\.|INC|LLC|LTD|LIMITED|CORP|COMPANY)/.test(m[2] as string)) continue;
    const end = m.index + m[0].length;
    push(full, [base], end - full.length, end, 'organisation-legal-form');
  }
  for (const m of text.matchAll(STATE_BODY_ALL))
    push(m[0], [], m.index, m.index + m[0].length, 'organisation-state-body');
  for (const m of text.matchAll(UPPER_STATE_BODY))
    push(titleCase(m[0]).replace(/ Of /, ' of '), [], m.index, m.index + m[0].length, 'organisation-state-body');
  for (const re of [FRONT, FRONT_BEFORE]) {
    for (const m of text.matchAll(re)) {
      const name = (m[1] as string).replace(/^(?:The|A|An)\s+/, '');
      if (NOT_VICTIM.test(name.split(' ')[0] as string)) continue;
      const at = m.index + m[0].indexOf(name);
      push(name, [], at, at + name.length, 'organisation-front');
    }
  }
  for (const m of text.matchAll(QUOTED_FIRM)) {
    const name = m[1] as string;
    const at = m.index + m[0].indexOf(name);
    push(name, [], at, at + name.length, 'organisation-front');
  }
  for (const m of text.matchAll(FRONT_LIST)) {
    const list = m[1] as string;
    let from = m.index + m[0].length - list.length;
    for (const item of list.split(/(,\s*(?:and\s+)?|\s+and\s+)/)) {
      const name = item.trim();
      const at = from + item.indexOf(name);
      from += item.length;
      if (LIST_ITEM.test(name) && !NOT_VICTIM.test(name.split(' ')[0] as string))
        push(name, [], at, at + name.length, 'organisation-front');
    }
  }
  for (const m of text.matchAll(HEAD_NOUN)) {
    const name = m[0].replace(/^(?:The|A|An)\s+/, '');
    // "The Bank said": the head noun alone names nothing.
    if (!name.includes(' ') || NOT_HEAD_ORG.test(name) || NOT_VICTIM.test(name.split(' ')[0] as string)) continue;
    const at = m.index + m[0].indexOf(name);
    push(name, [], at, at + name.length, 'organisation-head-noun');
  }
  for (const m of text.matchAll(NUMBERED_UNIT))
    push(m[0], [], m.index, m.index + m[0].length, 'organisation-state-body');
  const formFirst = new Set<number>();
  for (const m of text.matchAll(FORM_FIRST)) {
    const name = (m[1] as string).trim();
    const full = /^[A-Z\s&'’-]+$/.test(m[0])
      ? titleCase(m[0].trim()).replace(/[“"«”»]/g, '')
      : m[0].trim().replace(/[“"«”»]/g, '');
    formFirst.add(m.index);
    push(
      full,
      [/^[A-Z\s&'’-]+$/.test(name) ? titleCase(name) : name],
      m.index,
      m.index + m[0].length,
      'organisation-legal-form',
    );
  }
  // Sanctions lists write names in capitals: "KOREA SOBAEKSU TRADING COMPANY".
  for (const m of text.matchAll(UPPER_ORG)) {
    // "LIMITED LIABILITY COMPANY X": the legal form written first was read above.
    if (formFirst.has(m.index)) continue;
    // "Tony WKJ LLC": capitals that end a mixed-case name are that name's, found above.
    if (/[A-Z][a-z]+ $/.test(text.slice(Math.max(0, m.index - 32), m.index))) continue;
    const name = titleCase(m[0])
      .replace(/\bCo\.,\s*Ltd\./, 'Co., Ltd.')
      .replace(/\bLlc$/, 'LLC');
    push(name, [titleCase(m[1] as string)], m.index, m.index + m[0].length, 'organisation-sanctions');
  }
  for (const re of VICTIM_CUES) {
    for (const m of text.matchAll(re)) {
      const name = (m[1] as string).trim();
      if (NOT_VICTIM.test(name) || NOT_VICTIM.test(name.split(' ')[0] as string)) continue;
      // A name read in a lookbehind (the rule anchored on its keyword) stands before m[0].
      const at = (m.indices?.[1]?.[0] ?? m.index + m[0].indexOf(m[1] as string)) + (m[1] as string).indexOf(name);
      push(name, [], at, at + name.length, 'organisation-victim');
    }
  }
  return out;
}
