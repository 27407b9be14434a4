// Finds every indicator in a document and keeps those the document presents as the
// adversary's: refang, find candidates by type, then drop the traps (publisher, share and
// reference links, platforms, free-mail, victims' values, documentation values).
import type { ParsedDocument } from '@stixmill/contracts';
import { getDomain } from 'tldts';
import {
  type BenignCategory,
  benignCategory,
  isPopularDomain,
  isPublicDns,
  isSecurityVendorSite,
  isSinkhole,
  networkOf,
} from './benign.ts';
import type { Collector } from './collector.ts';
import { type Cue, confidence, writtenDefanged } from './confidence.ts';
import { findAccounts, findRecordAccounts } from './ioc/accounts.ts';
import { findEmails } from './ioc/email.ts';
import { findAsns, findCves, findIpv6, findMacs } from './ioc/misc.ts';
import { findPhones } from './ioc/phone.ts';
import { findTokens } from './ioc/tokens.ts';
import { findUrls } from './ioc/url.ts';
import { findPublisher, isPublisherHost, isPublisherPage } from './publisher.ts';
import { originalSpan, refangWithMap } from './refang.ts';
import { benignVeto, type VetoId } from './rules.ts';
import { enclosingRecord } from './text/context.ts';
import { memo, memoTest } from './text/memo.ts';
import { createRecordReader, type RecordReader } from './text/records.ts';
import type { TextView } from './text/view.ts';
import {
  BENIGN_WORD,
  CONTACT_CUE,
  isAuthorityHost,
  isExampleDomain,
  isFreeMail,
  isLookupService,
  isNonRoutableIpv4,
  isNonRoutableIpv6,
  isPlatform,
  isReferenceHeading,
  isShareUrl,
  isSocial,
  looksLikePublication,
  NOT_ADVERSARY_CUE,
  REFERENCE_CUE,
} from './traps.ts';
import { findWallets } from './wallets/index.ts';

/** Offline-list categories that make a bare host nobody's indicator (dynamic DNS and parking do not). */
const BENIGN_HOST: ReadonlySet<BenignCategory> = new Set<BenignCategory>([
  'popular',
  'webmail',
  'url-shortener',
  'file-sharing',
  'link-in-bio',
  'security-vendor',
  'ip-lookup',
  'documentation',
]);

/** A section whose label says it lists indicators: reference wording there does not count. */
const IOC_SECTION =
  /\b(?:indicators?|iocs?|network|c2|c&c|domains?|urls?|infrastructure|hosts?|malicious|phishing|scam|addresses|wallets?|repositor(?:y|ies)|endpoints?|payloads?|hashes|samples?|files?)\b/i;
const ADVERSARY_CUE =
  /\b(?:fake|persona|malicious|adversary|actor|attacker|scam(?:mer)?s?|lure|fraudulent|impersonat\w*|recruiter|operator|controlled by|used by)\b/i;
const VERSION_BEFORE = /\b(?:v|ver|version|release|build|firmware|cli|sdk|v\.)\s*$/i;
/** A flattened JSON path naming references: "case.references[0]: https://...". */
const REFERENCE_KEY = /^[\w$.[\]]*\b(?:references?|sources?|links?|reading|reports?|press|articles?)\b[\w$.[\]]*: /i;
/** A field of versions: its dotted numbers are builds, not addresses. */
const VERSION_FIELD =
  /^(?:version|ver|build|release|firmware|(?:app|agent|client|os|sdk|product|software)[ _-]?version|version[ _-]?(?:number|string))$/;
/** A field of citations: its links are other reporting. */
const REFERENCE_FIELD =
  /^(?:references?|sources?|links?|further[ _]?reading|reading|reports?|press|articles?|citations?)$/;
const TX_CUE = /\b(?:tx|txid|txn|transaction|tx hash|block hash)\b/i;

interface Place {
  line: string;
  sentence: string;
  section: string;
  /** The nearest heading block above the value ('' where the parser marked none). */
  heading: string;
  /** The field of a record (JSON, CSV) the value stands in, lower case; '' outside any. */
  field: string;
  record: string;
  /** The block (paragraph, list item, table) holding the value. */
  block: string;
  /** The author wrote the value defanged. */
  defanged: boolean;
}

export function extractObservables(doc: ParsedDocument, view: TextView, out: Collector): void {
  const text = doc.text;
  const r = refangWithMap(text);
  const rt = r.text;
  const site = doc.meta.site ? (getDomain(doc.meta.site) ?? doc.meta.site).toLowerCase() : undefined;
  const brand = site ? site.split('.')[0]?.replace(/-/g, '') : undefined;

  // Flattened JSON ("addresses[3].role: victim"): the path is no indicator, and the lines that
  // share a record's path prefix are that record.
  const jsonPath = (start: number): { keyEnd: number; record: string } | undefined => {
    const line = view.line(start);
    const m = /^([A-Za-z_$[][^:\s]{0,200}): /.exec(text.slice(line.start, line.end));
    if (!m || !/[.[]/.test(m[1] as string)) return undefined;
    const path = m[1] as string;
    const cut = path.lastIndexOf(']') > 0 ? path.lastIndexOf(']') + 1 : path.lastIndexOf('.');
    const prefix = path.slice(0, Math.max(cut, 1));
    const record = recordLines(prefix);
    return { keyEnd: line.start + (m[0] as string).length, record };
  };
  const recordCache = new Map<string, string>();
  const recordLines = (prefix: string) => {
    const seen = recordCache.get(prefix);
    if (seen !== undefined) return seen;
    const lines = text.split('\n').filter((l) => l.startsWith(prefix) && /^[.[:]/.test(l.slice(prefix.length)));
    const joined = lines.join('\n').slice(0, 3000);
    recordCache.set(prefix, joined);
    return joined;
  };
  const inJsonKey = (start: number) => {
    const j = jsonPath(start);
    return j !== undefined && start < j.keyEnd;
  };

  const isJson = /^\s*[{[]/.test(text);
  let records: RecordReader | undefined;
  const reader = () => {
    records ??= createRecordReader(text);
    return records;
  };
  const place = (start: number, end: number): Place => {
    const line = view.line(start);
    return {
      line: text.slice(line.start, line.end),
      sentence: view.sentenceText(start, end),
      section: view.section(start),
      heading: view.heading(start),
      field: reader().fieldAt(start),
      record: isJson ? enclosingRecord(text, start) : (jsonPath(start)?.record ?? ''),
      block: view.blockText(start),
      defanged: writtenDefanged(text.slice(start, end)),
    };
  };
  const orig = (s: number, e: number) => originalSpan(r, s, e);
  /** The first veto that holds, by its rule id (checks run in order and stop at the first). */
  const veto = (checks: ReadonlyArray<readonly [VetoId | undefined, () => boolean]>): VetoId | undefined =>
    checks.find(([id, holds]) => id !== undefined && holds())?.[0];
  /** What made a kept mention count, for its evidence. */
  const kept = (rule: string, p: Place) => [
    `found:${rule}`,
    ...(p.defanged ? ['defanged'] : []),
    ...(inIocSection(p) ? ['zone:indicators'] : []),
  ];
  /** The confidence of a value found by `cue` at [start, end) of the original text. */
  const sure = (cue: Cue, start: number, end: number, p?: Place) =>
    confidence(cue, { written: text.slice(start, end), inIocSection: p !== undefined && inIocSection(p) });
  // Every value on a line asks the same questions of the same line, sentence and label.
  const notAdversaryCue = memoTest(NOT_ADVERSARY_CUE);
  const benignWord = memoTest(BENIGN_WORD);
  // A report names the same host many times: its benign-list category is looked up once.
  const hostCategory = memo((host: string) => benignCategory('domain-name', host));
  const referenceCue = memoTest(REFERENCE_CUE);
  const iocSection = memoTest(IOC_SECTION);
  const notAdversary = (p: Place) => {
    if (
      /"indicator"\s*:\s*true|"role"\s*:\s*"(?:attacker|adversary|exploiter)"|\bindicator: true\b|\brole: (?:attacker|adversary|exploiter)\b/i.test(
        p.record,
      )
    )
      return false;
    if (
      notAdversaryCue(p.line) ||
      notAdversaryCue(p.sentence) ||
      notAdversaryCue(p.section) ||
      notAdversaryCue(p.record) ||
      notAdversaryCue(p.block)
    )
      return true;
    // "legitimate", "benign": only in the value's own sentence or line, and never against a value
    // the author defanged.
    // The raw test first: most lines have no such word, and stripping their values costs more.
    const weak = (t: string) => benignWord(t) && benignWord(prose(t));
    return !p.defanged && (weak(p.line) || weak(p.sentence));
  };
  const referenceLabel = (label: string) =>
    isReferenceHeading(label) || (/:\s*$/.test(label) && label.length < 80 && REFERENCE_CUE.test(label));
  const inIocSection = (p: Place) => iocSection(p.section);
  // Cue words are read in the prose only: "/blog/" inside a URL says nothing.
  const prose = memo((s: string) => s.replace(/\S+[./]\S+/g, ' '));
  const isReference = (p: Place) =>
    p.section.split('\n').some(isReferenceHeading) ||
    isReferenceHeading(p.heading) ||
    (!inIocSection(p) &&
      (referenceCue(prose(p.line)) || REFERENCE_KEY.test(p.line) || referenceLabel(p.section.split('\n')[0] ?? '')));
  const mentionsBrand = (s: string) =>
    brand !== undefined && brand.length >= 4 && s.toLowerCase().replace(/[-_.]/g, '').includes(brand);
  // The publisher as the document names itself (header source line, footer, "our ... page"),
  // for files and text that came without a fetched URL.
  const publisher = findPublisher(doc);
  const publisherHost = (host: string) => {
    const reg = getDomain(host) ?? host;
    return (
      (site !== undefined && reg === site) ||
      isAuthorityHost(host) ||
      mentionsBrand(reg) ||
      isPublisherHost(publisher, host)
    );
  };

  // Links the parser marked as navigation, share, reference or publisher are never indicators,
  // nor are their hosts where the text names them bare.
  const blockedUrls = new Set<string>();
  const blockedHosts = new Set<string>();
  for (const link of doc.links) {
    if (link.role === 'in-body') continue;
    blockedUrls.add(link.href.replace(/\/+$/, ''));
    const host = /^[a-z]+:\/\/([^/?#:]+)/i.exec(link.href)?.[1]?.toLowerCase();
    if (host) blockedHosts.add(host);
  }

  // Characters of the refanged text already claimed by a URL, an e-mail or a wallet.
  const maskedChars = new Uint8Array(rt.length);
  const mask = (s: number, e: number) => maskedChars.fill(1, s, e);
  const isMasked = (s: number, e: number) => maskedChars.subarray(s, e).includes(1);

  // ---- URLs (and their hosts) ----
  const droppedHosts = new Set<string>();
  const urlHits = findUrls(rt, r);
  for (const link of doc.links) {
    if (link.role !== 'in-body' || link.start === undefined || link.end === undefined) continue;
    if (urlHits.some((u) => u.value === link.href)) continue;
    const host = /^[a-z]+:\/\/([^/?#:]+)/i.exec(link.href)?.[1]?.toLowerCase();
    if (host) urlHits.push({ value: link.href, host, start: -1 - link.start, end: -1 - link.end });
  }
  for (const u of urlHits) {
    const span = u.start >= 0 ? orig(u.start, u.end) : { start: -1 - u.start, end: -1 - u.end };
    if (u.start >= 0) mask(u.start, u.end);
    const p = place(span.start, span.end);
    const value = u.value;
    const after =
      u.start >= 0 ? rt.slice(u.end, rt.indexOf('\n', u.end) < 0 ? rt.length : rt.indexOf('\n', u.end)) : '';
    // "[several times](https://...)": a markdown link with prose as its text cites a source.
    const citation =
      u.start >= 2 &&
      rt[u.start - 1] === '(' &&
      rt[u.start - 2] === ']' &&
      !/\[[^\]]*\.[a-z]{2,}[^\]]*\]\($/i.test(rt.slice(Math.max(0, u.start - 200), u.start));
    // A template ("/<user_id>/") or a value cut by a space is not a URL anyone can block.
    // Another URL later on the line means this one ended at the space.
    const partial =
      after.startsWith('<') || (/^ [^\s<>|][^<>|]*\.[a-z0-9]{2,4}\s*$/i.test(after) && !after.includes('://'));
    if (partial && !isPlatform(u.host) && !publisherHost(u.host) && !isPopularDomain(u.host)) {
      if (!/^\d{1,3}(?:\.\d{1,3}){3}$/.test(u.host) && !notAdversary(p))
        out.add('domain-name', u.host, span.start, span.end, {
          confidence: sure('partial-url-host', span.start, span.end, p),
          reasons: kept('partial-url-host', p),
        });
      continue;
    }
    const bare = /^[^:]+:\/\/[^/]+\/?$/.test(value);
    const why = veto([
      ['citation', () => citation],
      ['reference-cue', () => referenceCue(prose(p.sentence))],
      ['publisher', () => publisherHost(u.host) || mentionsBrand(value) || isPublisherPage(publisher, value)],
      ['parser-link-role', () => blockedUrls.has(value.replace(/\/+$/, ''))],
      ['share-link', () => isShareUrl(value)],
      ['lookup-service', () => isLookupService(u.host)],
      ['example-domain', () => isExampleDomain(u.host)],
      ['social-profile', () => isSocial(u.host) && !ADVERSARY_CUE.test(p.line)],
      ['reference-zone', () => isReference(p)],
      ['reference-field', () => REFERENCE_FIELD.test(p.field)],
      ['publication-path', () => looksLikePublication(value) && !inIocSection(p)],
      ['not-adversary-cue', () => notAdversary(p)],
      ['platform-root', () => bare && (isPlatform(u.host) || isPopularDomain(u.host))],
      ['benign:security-vendor', () => !p.defanged && isSecurityVendorSite(u.host)],
    ]);
    if (why) {
      droppedHosts.add(u.host);
      out.drop('url', value, span.start, span.end, [why]);
      continue;
    }
    out.add('url', value, span.start, span.end, {
      confidence: sure('url', span.start, span.end, p),
      reasons: kept('url', p),
    });
    const hostStart = span.start;
    if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(u.host)) {
      if (!isNonRoutableIpv4(u.host))
        out.add('ipv4-addr', u.host, hostStart, span.end, {
          confidence: sure('url-host-ip', span.start, span.end, p),
          reasons: kept('url-host', p),
        });
    } else if (isPlatform(u.host) || blockedHosts.has(u.host) || isPopularDomain(u.host)) {
      // The adversary's page on a platform or a popular site: the URL is theirs, the host is not.
      out.drop('domain-name', u.host, hostStart, span.end, [isPopularDomain(u.host) ? 'benign:popular' : 'platform']);
    } else {
      out.add('domain-name', u.host, hostStart, span.end, {
        confidence: sure('url-host', span.start, span.end, p),
        reasons: kept('url-host', p),
      });
    }
  }

  // ---- e-mail addresses (their domains are not reported on their own) ----
  for (const e of findEmails(rt)) {
    mask(e.start, e.end);
    const span = orig(e.start, e.end);
    const p = place(span.start, span.end);
    const why = veto([
      ['publisher', () => publisherHost(e.domain) || mentionsBrand(e.value)],
      ['example-domain', () => isExampleDomain(e.domain)],
      [
        'contact-line',
        () =>
          (CONTACT_CUE.test(p.sentence) || CONTACT_CUE.test(prose(p.line))) &&
          !ADVERSARY_CUE.test(p.sentence) &&
          !inIocSection(p),
      ],
      // A mailbox at a host whose links were dropped as the publisher's or as references.
      ['dropped-host', () => droppedHosts.has(e.domain) || droppedHosts.has(`www.${e.domain}`)],
      ['benign:security-vendor', () => isSecurityVendorSite(e.domain)],
      ['not-adversary-cue', () => notAdversary(p)],
    ]);
    if (why) {
      out.drop('email-addr', e.value, span.start, span.end, [why]);
      continue;
    }
    out.add('email-addr', e.value, span.start, span.end, {
      confidence: sure(isFreeMail(e.domain) ? 'email-free-mail' : 'email', span.start, span.end, p),
      reasons: kept('email', p),
    });
  }

  // "Shezmu's own Safes ... NOT indicators": a name said to own victim-side values; an address
  // labelled with it elsewhere ("0x... (Shezmu)") is the victim's too.
  const victimNames = new Set<string>();
  for (const m of text.matchAll(/\b([A-Z][\w{}]{2,30})'s own\b/g)) {
    const line = view.line(m.index);
    if (NOT_ADVERSARY_CUE.test(text.slice(line.start, line.end))) victimNames.add(m[1] as string);
  }
  const labelledVictim = (start: number, end: number) => {
    const tail = text.slice(end, end + 40);
    return [...victimNames].some(
      (n) => tail.startsWith(` (${n})`) || text.slice(Math.max(0, start - n.length - 4), start).includes(`${n}'s`),
    );
  };

  // ---- wallets ----
  for (const w of findWallets(rt, (s, e) => {
    const span = orig(s, e);
    const p = place(span.start, span.end);
    return `${p.line}\n${p.section}\n${p.record}`;
  })) {
    mask(w.start, w.end);
    const span = orig(w.start, w.end);
    const p = place(span.start, span.end);
    const why = veto([
      ['not-adversary-cue', () => notAdversary(p)],
      ['labelled-victim', () => labelledVictim(span.start, span.end)],
    ]);
    if (why) {
      out.drop('cryptocurrency-wallet', w.value, span.start, span.end, [why]);
      continue;
    }
    out.add('cryptocurrency-wallet', w.value, span.start, span.end, {
      props: { chain: w.chain },
      confidence: confidence(w.checked),
      reasons: [...kept('wallet', p), `checked:${w.checked}`],
    });
  }

  // ---- domains, IPv4, hashes ----
  const accountHits = findAccounts(rt, (o) => view.section(orig(o, o + 1).start));
  const handleSpans = accountHits.filter((a) => a.value.includes('.'));
  for (const t of findTokens(rt, r)) {
    if (isMasked(t.start, t.end)) continue;
    const span = orig(t.start, t.end);
    if (inJsonKey(span.start)) continue;
    // "app.safe.global's storage bucket": a possessive names someone's own service.
    if (/^['’]s\b/.test(text.slice(span.end, span.end + 3))) continue;
    const p = place(span.start, span.end);
    const findingType = t.kind === 'domain-name' ? 'domain-name' : t.kind === 'ipv4-addr' ? 'ipv4-addr' : 'file';
    if (notAdversary(p)) {
      out.drop(findingType, t.value, span.start, span.end, ['not-adversary-cue']);
      continue;
    }
    if (t.kind === 'domain-name') {
      const host = t.value;
      const benign = hostCategory(host);
      const why = veto([
        ['platform', () => isPlatform(host)],
        ['free-mail', () => isFreeMail(host)],
        ['publisher', () => publisherHost(host)],
        ['example-domain', () => isExampleDomain(host)],
        ['parser-link-role', () => blockedHosts.has(host)],
        ['dropped-host', () => droppedHosts.has(host) && !inIocSection(p)],
        ['reference-zone', () => isReference(p) && p.line.length < 200],
        ['reference-field', () => REFERENCE_FIELD.test(p.field)],
        ['one-letter-label', () => host.split('.').length === 2 && host.indexOf('.') === 1 && !inIocSection(p)],
        // A site on the offline lists of popular, mail, file-sharing and shortener services or of
        // security vendors is no one's indicator, however it is written.
        [benignVeto(benign), () => benign !== undefined && BENIGN_HOST.has(benign)],
      ]);
      if (why) {
        out.drop('domain-name', host, span.start, span.end, [why]);
        continue;
      }
      const lineStart = view.line(span.start).start;
      const before = text.slice(lineStart, span.start);
      const shape = veto([
        // A host inside a quoted message (“... from www.smsc.ru ...”) is what the message says.
        ['quoted-message', () => !inIocSection(p) && before.lastIndexOf('“') > before.lastIndexOf('”')],
        // "alexzh.dev@" look-alikes were masked with their e-mail; a token glued to '@' is one too,
        // but not a WebDAV host (\\host.net@SSL@443\share).
        ['glued-to-at', () => rt[t.end] === '@' && rt.slice(Math.max(0, t.start - 2), t.start) !== '\\\\'],
        // "requests.post(url)": a call in quoted code, not a host.
        ['code-call', () => rt[t.end] === '('],
        // "Discord handle mira.tanaka.hr": a handle on a named service is an account, not a host.
        ['account-handle', () => handleSpans.some((a) => a.start <= t.start && t.end <= a.end)],
      ]);
      if (shape) {
        out.drop('domain-name', host, span.start, span.end, [shape]);
        continue;
      }
      out.add('domain-name', host, span.start, span.end, {
        confidence: sure('domain', span.start, span.end, p),
        reasons: kept('domain', p),
      });
    } else if (t.kind === 'ipv4-addr') {
      const before = rt.slice(Math.max(0, t.start - 12), t.start);
      const why = veto([
        ['non-routable', () => isNonRoutableIpv4(t.value)],
        ['version-string', () => VERSION_BEFORE.test(before)],
        ['version-field', () => VERSION_FIELD.test(p.field)],
        ['benign:public-dns', () => isPublicDns(t.value)],
        ['benign:sinkhole', () => !p.defanged && isSinkhole(t.value)],
      ]);
      if (why) {
        out.drop('ipv4-addr', t.value, span.start, span.end, [why]);
        continue;
      }
      // "1.2.3.4/24" is a range, reported as written.
      const cidr = /^\/(\d{1,2})\b/.exec(rt.slice(t.end, t.end + 4));
      const value = cidr && Number(cidr[1]) <= 32 ? `${t.value}/${cidr[1]}` : t.value;
      const network = networkOf(t.value);
      out.add('ipv4-addr', value, span.start, span.end, {
        confidence: sure('ipv4', span.start, span.end, p),
        reasons: [...kept('ipv4', p), ...(network ? [`network:${network.kind}:${network.provider}`] : [])],
      });
    } else {
      const why = veto([
        ['transaction-hash', () => t.kind === 'SHA-256' && TX_CUE.test(p.line)],
        [benignVeto(benignCategory('file', t.value)), () => true],
      ]);
      if (why) {
        out.drop('file', t.value, span.start, span.end, [why]);
        continue;
      }
      out.add('file', t.value, span.start, span.end, {
        props: { algorithm: t.kind },
        confidence: sure('hash', span.start, span.end, p),
        reasons: kept(`hash:${t.kind}`, p),
      });
    }
  }

  // ---- the rest ----
  for (const h of findIpv6(rt)) {
    if (isMasked(h.start, h.end) || isNonRoutableIpv6(h.value)) continue;
    const span = orig(h.start, h.end);
    if (!notAdversary(place(span.start, span.end)))
      out.add('ipv6-addr', h.value, span.start, span.end, { confidence: sure('ipv6', span.start, span.end) });
  }
  for (const h of findMacs(rt)) {
    const span = orig(h.start, h.end);
    // SSH/TLS fingerprints are colon-separated hex too: only a MAC where the line says so.
    if (/\bmac\b|hardware address/i.test(place(span.start, span.end).line))
      out.add('mac-addr', h.value, span.start, span.end, { confidence: confidence('mac-labelled') });
  }
  for (const h of findCves(rt)) {
    const span = orig(h.start, h.end);
    out.add('vulnerability', h.value, span.start, span.end, {
      props: { external_id: h.value },
      confidence: confidence('cve'),
    });
  }
  for (const h of findAsns(rt)) {
    const span = orig(h.start, h.end);
    const p = place(span.start, span.end);
    if (!notAdversary(p))
      out.add('autonomous-system', h.value, span.start, span.end, { confidence: confidence('asn') });
  }
  for (const h of findPhones(rt)) {
    const span = orig(h.start, h.end);
    const p = place(span.start, span.end);
    if (CONTACT_CUE.test(p.sentence) || notAdversary(p) || mentionsBrand(p.line)) continue;
    out.add('phone-number', h.value, span.start, span.end, { confidence: confidence('phone-labelled') });
  }
  // Accounts from records are read on the original text: their offsets need no mapping back.
  const recordAccounts = findRecordAccounts(reader().rows()).map((a) => ({ a, span: { start: a.start, end: a.end } }));
  for (const { a, span } of [...accountHits.map((a) => ({ a, span: orig(a.start, a.end) })), ...recordAccounts]) {
    const p = place(span.start, span.end);
    // A handle is no link: the words "references" or "blog" in its line do not make it a citation,
    // only a references section does.
    const inReferences = p.section.split('\n').some(isReferenceHeading) || isReferenceHeading(p.heading);
    if (mentionsBrand(a.value) || inReferences || notAdversary(p)) continue;
    out.add('user-account', a.value, span.start, span.end, {
      props: { service: a.service },
      confidence: confidence('account-labelled'),
    });
  }
}
