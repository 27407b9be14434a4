// Handles on a named service: "GitHub: atroboj, bugarnet", "Telegram: @name", "npm user `x`",
// and lists under a heading such as "npm publisher accounts". A handle with no service named
// is not reported (the corpus convention: only where the document names the service).

export interface AccountHit {
  value: string;
  service: string;
  start: number;
  end: number;
}

const SERVICES: Record<string, string> = {
  github: 'GitHub',
  gitlab: 'GitLab',
  bitbucket: 'Bitbucket',
  npm: 'npm',
  pypi: 'PyPI',
  telegram: 'Telegram',
  tg: 'Telegram',
  upwork: 'Upwork',
  linkedin: 'LinkedIn',
  freelancer: 'Freelancer',
  fiverr: 'Fiverr',
  toptal: 'Toptal',
  discord: 'Discord',
  skype: 'Skype',
  slack: 'Slack',
  twitter: 'Twitter',
  x: 'X',
  instagram: 'Instagram',
  facebook: 'Facebook',
  reddit: 'Reddit',
  wechat: 'WeChat',
  whatsapp: 'WhatsApp',
  signal: 'Signal',
  keybase: 'Keybase',
  docker: 'Docker Hub',
  dockerhub: 'Docker Hub',
  hackerone: 'HackerOne',
  medium: 'Medium',
  youtube: 'YouTube',
};
const SERVICE_NAMES = Object.keys(SERVICES).join('|');

// "GitHub: a, b (older account: c)" — the label, then the rest of the line is parsed by hand.
// "GitHub/npm profile: x", "Telegram and Signal handle: x": a compound label names the first service.
const LABEL = new RegExp(
  `(?<![\\w/.@-])(${SERVICE_NAMES})(?:\\s*(?:/|&|and)\\s*(?:${SERVICE_NAMES}))*(?:\\s+(?:user(?:name)?|handle|account|profile|id|alias|org|organi[sz]ation)s?)?\\s*[:=]\\s*`,
  'iy',
);
// "Tox ID: 7E5C...": a Tox messenger id, 76 hex digits (public key, nospam, checksum).
const TOX = /\bTox(?:\s*ID)?\s*[:=]\s*([0-9A-F]{76})\b/gi;
const INLINE = new RegExp(
  `\\b(${SERVICE_NAMES})\\s+(?:user(?:name)?|handle|account|profile)\\s+(?:[\`"'“]|@)([A-Za-z0-9][A-Za-z0-9._-]{1,38})`,
  'iy',
);
// "the GitHub account gwhitmore-hr": unquoted, so the handle must look like one (a digit, a
// dot, dash or underscore) and not be the next word of the sentence.
const INLINE_BARE = new RegExp(
  `\\b(${SERVICE_NAMES})\\s+(?:user(?:name)?|handle|account|profile)(?:\\s+name)?\\s+(?:named |called )?([A-Za-z0-9][A-Za-z0-9._-]{1,38})\\b`,
  'iy',
);
// "on Telegram as @name (also @other)": an @-handle right after the service name.
const AT_AFTER = new RegExp(
  `\\b(${SERVICE_NAMES})\\s+(?:as\\s+)?@([A-Za-z0-9][A-Za-z0-9._-]{1,38})(?:\\s*\\((?:also|aka|a\\.k\\.a\\.)\\s+@?([A-Za-z0-9][A-Za-z0-9._-]{1,38})\\))?`,
  'iy',
);
// An IOC table row "GitHub | `name` | notes": the service in the type column, one handle beside it.
const TABLE_ROW = new RegExp(
  `^[ \\t]*\\|?[ \\t]*(${SERVICE_NAMES})(?:\\s+(?:user(?:name)?|handle|account|profile|org\\w*))?[ \\t]*\\|[ \\t]*\`?@?([A-Za-z0-9][A-Za-z0-9._-]{1,38})\`?[ \\t]*(?=\\||$)`,
  'imy',
);
/** Every service name in the text: the patterns above are tried only where one starts. */
const SERVICE_WORD = new RegExp(`\\b(?:${SERVICE_NAMES})\\b`, 'gi');

/**
 * The matches of a sticky pattern tried at each offset in `at`, in order and without overlap,
 * as matchAll would find them scanning the whole text ("GitHub/npm profile:" is one label).
 */
function matchesAt(re: RegExp, text: string, at: readonly number[]): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let end = 0;
  for (const i of at) {
    if (i < end) continue;
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) continue;
    out.push(m);
    end = m.index + Math.max(1, m[0].length);
  }
  return out;
}

const PROSE_WORD =
  /^(?:to|and|or|the|of|for|with|was|were|is|are|that|which|who|in|on|at|from|by|as|has|had|have|named|called|belonging|linked|used|under|since|until)$/i;
const HEADING = new RegExp(
  `\\b(${SERVICE_NAMES})\\b[^\\n]{0,40}\\b(?:accounts?|handles?|users?|usernames?|profiles?|publishers?)\\b`,
  'i',
);
const HANDLE = /^@?[A-Za-z0-9][A-Za-z0-9._-]{1,38}$/;
const NOT_HANDLE =
  /^(?:none|n\/a|unknown|same|also|and|or|the|see|older|account|active|email|e-mail|other|handles?|active|inactive|deleted|removed|banned|suspended|\d+)$/i;

function serviceName(raw: string): string {
  return SERVICES[raw.toLowerCase()] ?? raw;
}

// "(older account: c)", and "(also c, d)" without a colon.
const ALSO =
  /^\((?:(?:older|old|other|previous|alt\w*|second|backup|also|aka|a\.k\.a\.)[^:)\n]{0,20}:|also|aka|a\.k\.a\.|or)\s*/i;
/** The next label on the line ("Email: ", "Telegram: "): one word, or a known two-word label. */
const LABEL_AHEAD = /^(?:[A-Za-z][\w-]{0,20}|e-?mail address|phone number|user ?name|older account|other account):\s/i;
const TOKEN = /^@?[A-Za-z0-9][A-Za-z0-9._-]{0,38}/;

/** Reads "a, b (older account: c)" after a service label, up to the next label on the line. */
function handlesIn(text: string, from: number, to: number, service: string, out: AccountHit[]) {
  let pos = from;
  let first = true;
  let opened = false;
  // Parentheses this list opened ("(older account: c)"); closing one it did not open means the
  // label itself stood in parentheses, "(GitHub: x) c) prose", and the list is over.
  let depth = 0;
  while (pos < to) {
    const gapStart = pos;
    while (pos < to && /[\s,;/|)]/.test(text[pos] as string)) pos++;
    const gap = text.slice(gapStart, pos);
    if (pos >= to) return;
    depth -= gap.split(')').length - 1;
    if (depth < 0) return;
    const rest = text.slice(pos, Math.min(to, pos + 60));
    if (rest.startsWith('(')) {
      const also = ALSO.exec(rest);
      if (!also) return;
      pos += also[0].length;
      opened = true;
      depth++;
      continue;
    }
    if (LABEL_AHEAD.test(rest)) return;
    // Handles are separated by commas; a bare space after one means prose follows.
    if (!first && !opened && !/[,;/|]/.test(gap) && !gap.includes(')')) return;
    opened = false;
    const m = TOKEN.exec(rest);
    if (!m) return;
    const raw = m[0].replace(/[._-]+$/, '');
    const after = text[pos + m[0].length];
    pos += m[0].length;
    first = false;
    if (after === '@' || (after === '.' && /\w/.test(text[pos + 1] ?? ''))) return;
    // "github.com/name": the host of a profile URL, not a handle (the name after it is read next).
    if (after === '/') continue;
    const bare = raw.replace(/^@/, '');
    if (!HANDLE.test(raw) || NOT_HANDLE.test(bare) || SERVICES[bare.toLowerCase()] !== undefined) continue;
    const start = pos - m[0].length + (raw.startsWith('@') ? 1 : 0);
    out.push({ value: bare, service, start, end: start + bare.length });
  }
}

export function findAccounts(text: string, headingOf: (offset: number) => string): AccountHit[] {
  const out: AccountHit[] = [];
  const at = [...text.matchAll(SERVICE_WORD)].map((m) => m.index);
  // A table row names its service at the start of its line.
  const lineStarts = [...new Set(at.map((i) => text.lastIndexOf('\n', i - 1) + 1))];
  for (const m of matchesAt(LABEL, text, at)) {
    const lineEnd = text.indexOf('\n', m.index);
    handlesIn(text, m.index + m[0].length, lineEnd < 0 ? text.length : lineEnd, serviceName(m[1] as string), out);
  }
  for (const m of matchesAt(INLINE_BARE, text, at)) {
    const value = (m[2] as string).replace(/[._-]+$/, '');
    if (PROSE_WORD.test(value) || NOT_HANDLE.test(value) || !/[\d._-]/.test(value)) continue;
    if (text[m.index + m[0].length] === '@' || text[m.index + m[0].length] === '/') continue;
    const start = m.index + m[0].length - (m[2] as string).length;
    out.push({ value, service: serviceName(m[1] as string), start, end: start + value.length });
  }
  for (const m of matchesAt(INLINE, text, at)) {
    const value = m[2] as string;
    const start = m.index + m[0].length - value.length;
    out.push({ value, service: serviceName(m[1] as string), start, end: start + value.length });
  }
  for (const m of matchesAt(AT_AFTER, text, at)) {
    const service = serviceName(m[1] as string);
    for (const value of [m[2], m[3]]) {
      if (value === undefined) continue;
      const bare = value.replace(/[._-]+$/, '');
      const start = (m.index as number) + m[0].lastIndexOf(value);
      out.push({ value: bare, service, start, end: start + bare.length });
    }
  }
  for (const m of matchesAt(TABLE_ROW, text, lineStarts)) {
    const value = (m[2] as string).replace(/[._-]+$/, '');
    if (NOT_HANDLE.test(value) || SERVICES[value.toLowerCase()] !== undefined) continue;
    const start = (m.index as number) + m[0].lastIndexOf(value);
    out.push({ value, service: serviceName(m[1] as string), start, end: start + value.length });
  }
  for (const m of text.matchAll(TOX)) {
    const value = m[1] as string;
    const start = m.index + m[0].length - value.length;
    out.push({ value, service: 'Tox', start, end: start + value.length });
  }
  // Inline-code lists under a heading that names the service and says "accounts".
  const CODE = /`([^`\n]{2,40})`/g;
  for (let m = CODE.exec(text); m !== null; m = CODE.exec(text)) {
    const heading = headingOf(m.index);
    const h = HEADING.exec(heading);
    if (!h) continue;
    const value = (m[1] as string).replace(/^@/, '');
    if (!HANDLE.test(value)) continue;
    out.push({ value, service: serviceName(h[1] as string), start: m.index + 1, end: m.index + 1 + value.length });
  }
  // Plain comma-separated lists under such a heading ("liamnevin, pablomendes, ...").
  const LIST_LINE =
    /^[ \t]*[`@]?[A-Za-z0-9][\w.-]{1,38}`?(?:[ \t]*,[ \t]*[`@]?[A-Za-z0-9][\w.-]{1,38}`?)+[ \t]*,?[ \t]*$/gm;
  for (const m of text.matchAll(LIST_LINE)) {
    const h = HEADING.exec(headingOf(m.index));
    if (!h) continue;
    for (const t of m[0].matchAll(/[A-Za-z0-9][\w.-]{1,38}/g)) {
      const value = t[0].replace(/[._-]+$/, '');
      if (!HANDLE.test(value) || NOT_HANDLE.test(value) || SERVICES[value.toLowerCase()] !== undefined) continue;
      const start = m.index + t.index;
      out.push({ value, service: serviceName(h[1] as string), start, end: start + value.length });
    }
  }
  return out;
}

/** Fields whose value names the service ("platform: GitHub", a CSV "type" column of "github"). */
const SERVICE_FIELD = /^(?:platform|service|site|network|type|kind|category|indicator[ _]?type)$/;
/** Fields whose value is the handle on that service. */
const HANDLE_FIELD = /^(?:login|username|user[ _]?name|user|handle|account|profile|screen[ _]?name|value|indicator)$/;

/**
 * Accounts that records give by their fields: a platform field beside a login field
 * ({"platform": "GitHub", "login": "x"}), or a CSV row typed by a service ("github,x").
 */
export function findRecordAccounts(
  rows: ReadonlyArray<{ fields: ReadonlyMap<string, { value: string; start: number; end: number }> }>,
): AccountHit[] {
  const out: AccountHit[] = [];
  for (const { fields } of rows) {
    let service: string | undefined;
    let handle: { value: string; start: number; end: number } | undefined;
    for (const [name, cell] of fields) {
      if (service === undefined && SERVICE_FIELD.test(name)) service = SERVICES[cell.value.trim().toLowerCase()];
      else if (handle === undefined && HANDLE_FIELD.test(name)) handle = cell;
    }
    if (!service || !handle) continue;
    const value = handle.value.replace(/^@/, '');
    if (!HANDLE.test(value) || NOT_HANDLE.test(value) || SERVICES[value.toLowerCase()] !== undefined) continue;
    const start = handle.start + (handle.value.startsWith('@') ? 1 : 0);
    out.push({ value, service, start, end: start + value.length });
  }
  return out;
}
