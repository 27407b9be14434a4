// The indicator rules as data: every veto the decision stage can give, with what it means and
// examples of its own that it must drop, and counter-examples (the same value where the rule does
// not hold) that must be kept. `rules.test.ts` runs every example; `observables.ts` may only name
// a rule declared here (the compiler checks), so each dropped value points at a documented rule.
import type { BenignCategory } from './benign.ts';

export interface RuleExample {
  /** A document, written for the rule. */
  text: string;
  /** The value (refanged, as the finding carries it). */
  value: string;
}

export interface VetoRule {
  /** What the rule says about a value. */
  describe: string;
  /** Documents where the rule leaves the value out (the value is dropped, this id its reason). */
  drops: readonly RuleExample[];
  /** Documents where the same value stays: the rule does not reach it there. */
  keeps: readonly RuleExample[];
  /** Why the rule has no example of its own, where it has none. */
  why?: string;
}

export const VETO_RULES = {
  citation: {
    describe: 'a markdown link with prose as its text cites a source',
    drops: [
      {
        text: 'It was seen [several times](https://blog.other-vendor.net/a/b) before.',
        value: 'https://blog.other-vendor.net/a/b',
      },
    ],
    keeps: [{ text: 'Payload URL: https://drop-zone-files.net/a/b', value: 'https://drop-zone-files.net/a/b' }],
  },
  'reference-cue': {
    describe: 'a sentence that cites other reporting ("according to", "reported by", "see also")',
    drops: [
      {
        text: 'According to https://news.example-press.net/story/1 the group moved on.',
        value: 'https://news.example-press.net/story/1',
      },
    ],
    keeps: [
      {
        text: 'The group moved its panel to https://panel-relay-host.net/login.',
        value: 'https://panel-relay-host.net/login',
      },
    ],
  },
  publisher: {
    describe: "the publisher's own site, brand or page (from the fetched URL or the document itself)",
    drops: [
      {
        text: 'Source: https://research.lanternfish-labs.io/p/1\n\nSummary.\n\nFull IOC list at https://research.lanternfish-labs.io/iocs.csv',
        value: 'https://research.lanternfish-labs.io/iocs.csv',
      },
    ],
    keeps: [
      {
        text: 'Full IOC list at https://research.lanternfish-labs.io/iocs.csv',
        value: 'https://research.lanternfish-labs.io/iocs.csv',
      },
    ],
  },
  'parser-link-role': {
    describe: 'a link the parser marked as navigation, share, reference or publisher',
    drops: [],
    keeps: [],
    why: 'needs link roles from the HTML parser; covered by the parser and e2e tests',
  },
  'share-link': {
    describe: 'a share button URL (sharer.php, intent/tweet ...)',
    drops: [
      {
        text: 'Share: https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fa.net',
        value: 'https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fa.net',
      },
    ],
    keeps: [],
  },
  'lookup-service': {
    describe: 'an explorer, archive or scanner page about a value, never the adversary itself',
    drops: [
      {
        text: 'The payout went through https://etherscan.io/tx/0xabc123 that night.',
        value: 'https://etherscan.io/tx/0xabc123',
      },
    ],
    keeps: [],
  },
  'example-domain': {
    describe: 'documentation and placeholder domains (RFC 2606, 6761)',
    drops: [],
    keeps: [],
    why: 'the URL and token finders reject placeholder domains by shape first (ioc/shapes.ts); this veto catches the rest',
  },
  'social-profile': {
    describe: "a social profile URL with no word of the adversary on its line (the author's, a reporter's)",
    drops: [
      {
        text: 'Follow the researcher at https://twitter.com/some_researcher for updates.',
        value: 'https://twitter.com/some_researcher',
      },
    ],
    keeps: [
      {
        text: 'The fake recruiter persona used https://twitter.com/hiring_lead_22 to reach targets.',
        value: 'https://twitter.com/hiring_lead_22',
      },
    ],
  },
  'reference-zone': {
    describe: 'a value under a references / sources / further reading heading, up to the next heading',
    drops: [
      {
        text: 'References\n\nhttps://blog.other-vendor.net/2025/loader',
        value: 'https://blog.other-vendor.net/2025/loader',
      },
    ],
    keeps: [
      {
        text: 'References\n\nhttps://blog.other-vendor.net/2025/loader\n\nIndicators\n\nrelay-sync-cdn.net',
        value: 'relay-sync-cdn.net',
      },
    ],
  },
  'publication-path': {
    describe: 'a URL shaped like a publication (/blog/, /news/, /press-release/) outside an indicators section',
    drops: [
      {
        text: 'The earlier campaign is covered in https://www.some-outlet.com/news/2025/05/lazarus-hack.',
        value: 'https://www.some-outlet.com/news/2025/05/lazarus-hack',
      },
    ],
    keeps: [],
  },
  'not-adversary-cue': {
    describe:
      'a statement that the value is not the adversary\'s ("the victim\'s", "do not block", "not their infra"), in its block or section',
    drops: [
      {
        text: 'The exchange (kestrel-trade.com) is the impersonated brand, not their infra.',
        value: 'kestrel-trade.com',
      },
    ],
    keeps: [{ text: 'The loader called kestrel-trade-cdn.com for its second stage.', value: 'kestrel-trade-cdn.com' }],
  },
  'platform-root': {
    describe: 'the bare root of a platform or popular site (the adversary content on it has a path)',
    drops: [
      { text: 'The lure repository lives on https://github.com/ like many others.', value: 'https://github.com/' },
    ],
    keeps: [
      {
        text: 'The lure repository: https://github.com/interview-task-77/assessment',
        value: 'https://github.com/interview-task-77/assessment',
      },
    ],
  },
  'contact-line': {
    describe: 'a mailbox on a contact, tip or press line',
    drops: [
      { text: 'For press inquiries contact press@some-agency-example.org.', value: 'press@some-agency-example.org' },
    ],
    keeps: [{ text: 'The persona wrote from hr.team.lead@proton.me to the targets.', value: 'hr.team.lead@proton.me' }],
  },
  'dropped-host': {
    describe: "a mailbox or host at a host whose links were dropped as references or the publisher's",
    drops: [],
    keeps: [],
    why: 'follows another veto of the same host; covered by extract.test.ts',
  },
  'labelled-victim': {
    describe: 'a wallet labelled with a name the text says owns victim-side values',
    drops: [],
    keeps: [],
    why: 'needs a statement elsewhere that the name owns victim-side values; covered by extract.test.ts',
  },
  platform: {
    describe: 'a platform that hosts adversary content (github.com, t.me ...) named bare, or the host of a URL on one',
    drops: [
      { text: 'The dump sat on pastebin.com for a day.', value: 'pastebin.com' },
      { text: 'These scams abuse telegra[.]ph for their pages.', value: 'telegra.ph' },
    ],
    keeps: [],
  },
  'free-mail': {
    describe: 'a free-mail provider named bare',
    drops: [
      { text: 'Mail at zoho.com was used.', value: 'zoho.com' },
      { text: 'The persona mailboxes were all at gmail.com.', value: 'gmail.com' },
    ],
    keeps: [],
  },
  'one-letter-label': {
    describe: 'a two-label name with a one-letter first label outside an indicators section (x.com in prose, a.b)',
    drops: [{ text: 'The beacon went out daily and x.co was named in passing.', value: 'x.co' }],
    keeps: [],
  },
  'non-routable': {
    describe: 'private, loopback, link-local and documentation addresses',
    drops: [
      { text: 'The host 0.0.0.0 answered first.', value: '0.0.0.0' },
      { text: 'The implant listens on 10.0.0.5 inside the victim network.', value: '10.0.0.5' },
    ],
    keeps: [{ text: 'The implant calls 45.61.12.7 every hour.', value: '45.61.12.7' }],
  },
  'version-string': {
    describe: 'a dotted version number after "version", "v", "build"',
    drops: [],
    keeps: [],
    why: 'the token finder rejects version-like addresses by shape first (ioc/shapes.ts); this veto catches the rest',
  },
  'version-field': {
    describe:
      'a dotted number in a version column of a table (CSV) is a build, not an address (a JSON key right before its value is caught by shape)',
    drops: [
      { text: 'host,agent version,port\nrelay-sync-cdn.net,185.4.71.22,443', value: '185.4.71.22' },
      { text: 'type,value,comment\nversion,185.4.71.23,agent build\nip,45.61.12.8,C2 server', value: '185.4.71.23' },
    ],
    keeps: [
      { text: 'type,value,comment\nversion,185.4.71.23,agent build\nip,45.61.12.8,C2 server', value: '45.61.12.8' },
    ],
  },
  'reference-field': {
    describe:
      'a link in a references / sources / links column of a table (CSV) cites other reporting (in JSON, the key on the line does)',
    drops: [
      {
        text: 'host,first seen,source\nrelay-sync-cdn.net,2025-03-01,https://blog.other-vendor.net/2025/loader',
        value: 'https://blog.other-vendor.net/2025/loader',
      },
    ],
    keeps: [
      {
        text: 'host,first seen,source\nrelay-sync-cdn.net,2025-03-01,https://blog.other-vendor.net/2025/loader',
        value: 'relay-sync-cdn.net',
      },
      {
        text: 'host,first seen,payload\nrelay-sync-cdn.net,2025-03-01,https://drop-zone-files.net/a/b',
        value: 'https://drop-zone-files.net/a/b',
      },
    ],
  },
  'transaction-hash': {
    describe: 'a SHA-256-shaped run on a line about a transaction',
    drops: [
      {
        text: 'tx hash 46deef0f52e3a983b67abf4714448a41dd7ffd6d32d32da69d62081c68ad7882 moved the funds',
        value: '46deef0f52e3a983b67abf4714448a41dd7ffd6d32d32da69d62081c68ad7882',
      },
    ],
    keeps: [],
  },
  'quoted-message': {
    describe: 'a host inside a quoted message, outside an indicators section',
    drops: [
      {
        text: 'The ransom note read: “visit support-desk-mirror.net to pay within 48 hours”',
        value: 'support-desk-mirror.net',
      },
    ],
    keeps: [],
  },
  'glued-to-at': {
    describe: 'a token glued to "@" (part of an e-mail local part)',
    drops: [{ text: 'Seller handle alexzh.dev@ on the forum', value: 'alexzh.dev' }],
    keeps: [],
  },
  'code-call': {
    describe: 'a method call in quoted code ("requests.post(")',
    drops: [{ text: 'The script calls requests.post(url) with the stolen data.', value: 'requests.post' }],
    keeps: [],
  },
  'account-handle': {
    describe: 'a dotted handle on a named service (an account, not a host)',
    drops: [{ text: 'Discord handle mira.tanaka.hr was used by the persona.', value: 'mira.tanaka.hr' }],
    keeps: [],
  },
  'benign:popular': {
    describe: 'a popular site (offline top lists): nobody blocks it; its adversary URLs stay',
    drops: [{ text: 'The implant checks connectivity with a request to amazon.com.', value: 'amazon.com' }],
    keeps: [],
  },
  'benign:security-vendor': {
    describe: "a security vendor's or agency's site: a reference, not an indicator",
    drops: [
      {
        text: 'Details are at https://www.mandiant.com/loader-notes for the curious.',
        value: 'https://www.mandiant.com/loader-notes',
      },
    ],
    keeps: [],
  },
  'benign:public-dns': {
    describe: 'a public DNS resolver address',
    drops: [{ text: 'The implant first resolves through 8.8.8.8 to test the network.', value: '8.8.8.8' }],
    keeps: [],
  },
  'benign:sinkhole': {
    describe: 'a known sinkhole address, unless the author defanged it',
    drops: [{ text: 'Traffic went to the sinkhole 148.81.111.111 later.', value: '148.81.111.111' }],
    keeps: [],
  },
  'benign:webmail': {
    describe: 'a webmail provider named bare',
    drops: [],
    keeps: [],
    why: 'the free-mail rule claims bare webmail names first',
  },
  'benign:url-shortener': {
    describe: 'a URL shortener named bare (its short links stay)',
    drops: [],
    keeps: [{ text: 'The lure link was hxxps://bit[.]ly/3xYz9Qa in every message.', value: 'https://bit.ly/3xYz9Qa' }],
    why: 'the platform and popular-site rules claim the big shorteners first',
  },
  'benign:file-sharing': {
    describe: 'a file-sharing or paste site named bare',
    drops: [],
    keeps: [],
    why: 'the platform rule claims the big file-sharing sites first',
  },
  'benign:link-in-bio': {
    describe: 'a link-in-bio site named bare',
    drops: [{ text: 'Its profile links to linktr.ee and nothing more.', value: 'linktr.ee' }],
    keeps: [],
  },
  'benign:ip-lookup': {
    describe: 'a what-is-my-IP service named bare',
    drops: [{ text: 'It checks its address with api.ipify.org first.', value: 'api.ipify.org' }],
    keeps: [],
  },
  'benign:documentation': {
    describe: 'a documentation domain or range',
    drops: [],
    keeps: [],
    why: 'the example-domain and non-routable rules claim documentation values first',
  },
  'benign:empty-file': {
    describe: 'the hash of an empty file',
    drops: [
      { text: 'Dropped file (MD5): d41d8cd98f00b204e9800998ecf8427e', value: 'd41d8cd98f00b204e9800998ecf8427e' },
    ],
    keeps: [],
  },
  'benign:known-false-positive': {
    describe: 'a hash on the common false-positive list',
    drops: [],
    keeps: [],
    why: 'the list holds vendor-specific hashes; covered by benign.test.ts',
  },
  'benign:test-file': {
    describe: 'the hash of a test file (EICAR)',
    drops: [{ text: 'Dropped EICAR 44d88612fea8a8f36de82e1278abb02f', value: '44d88612fea8a8f36de82e1278abb02f' }],
    keeps: [],
  },
} as const satisfies Record<string, VetoRule>;

export type VetoId = keyof typeof VETO_RULES;

/** The veto id of a benign-list category, where the category has one. */
export function benignVeto(category: BenignCategory | undefined): VetoId | undefined {
  const id = `benign:${category}`;
  return category !== undefined && id in VETO_RULES ? (id as VetoId) : undefined;
}
