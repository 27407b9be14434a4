// Derives the extractor's benign priors from a MISP warninglists checkout into
// packages/extract/data/benign.json.
//
//   node packages/extract/scripts/build-benign.ts <misp-warninglists-dir>
//
// The extractor never reads the checkout: this script is run by a developer when the lists move,
// and the JSON it writes is what ships. Each MISP list is checked for the type this script
// expects, so an upstream change of shape fails the build instead of writing wrong data.
// MISP has no list of free-mail providers, file-sharing or paste sites, nor a short list of the
// big public resolvers; those are written out below and are facts, kept small.

import { readFileSync, writeFileSync } from 'node:fs';
import { isIPv6 } from 'node:net';
import { join } from 'node:path';
import { parse } from 'tldts';

interface Warninglist {
  name: string;
  type: 'string' | 'hostname' | 'cidr' | 'substring' | 'regex';
  version: number;
  list: string[];
}

const dir = process.argv[2];
if (!dir) {
  console.error('usage: build-benign.ts <misp-warninglists-dir>');
  process.exit(2);
}
const out = new URL('../data/benign.json', import.meta.url).pathname;

const sources: Record<string, string[]> = {};
function load(name: string, type: Warninglist['type'], usedFor: string): string[] {
  const parsed = JSON.parse(readFileSync(join(dir as string, 'lists', name, 'list.json'), 'utf8')) as Warninglist;
  if (parsed.type !== type) throw new Error(`${name}: expected type ${type}, found ${parsed.type}`);
  sources[usedFor] = [...(sources[usedFor] ?? []), `${name} v${parsed.version}`];
  return parsed.list;
}

/**
 * Lower case, no leading or trailing dots ("." marks "and subdomains" in MISP), under an ICANN
 * suffix. A private suffix (duckdns.org, blogspot.com) is a name like any other here.
 */
function host(raw: string): string | undefined {
  const h = raw.trim().toLowerCase().replace(/^\.+/, '').replace(/\.+$/, '');
  const p = parse(h);
  if (p.hostname !== h || p.isIp || !p.isIcann || p.domain === null) return undefined;
  return h;
}

const hosts = (raws: Iterable<string>) => {
  const set = new Set<string>();
  for (const r of raws) {
    const h = host(r);
    if (h) set.add(h);
  }
  return set;
};

// ---------- popular registrable domains ----------
// Tranco, Cloudflare Radar and Majestic rank registrable domains, so their union at ~10-20k is
// the part of the web a report cites without it being the adversary's. Cisco Umbrella is left
// out: it ranks DNS names, and at 20k reduces to reverse zones, CDN shards and tenants' names.
const POPULAR_LISTS = ['tranco10k', 'cloudflare-top20k', 'majestic_million'];
const popular = new Set<string>();
for (const name of POPULAR_LISTS) {
  for (const raw of load(name, name === 'tranco10k' ? 'hostname' : 'string', 'popular')) {
    const h = host(raw);
    // The ICANN registrable domain only: a ranked tenant ("1.bp.blogspot.com") vouches for its
    // platform, never for the platform's other tenants, which the module keeps apart by looking
    // hosts up with the private suffixes on.
    const domain = h ? parse(h).domain : null;
    if (domain) popular.add(domain);
  }
}

// ---------- names whose subdomains anyone can take ----------
// MISP's list misses No-IP's and Dynu's free domains, and the tunnels that give anyone a
// subdomain pointing at their own machine, which for a report is the same thing.
const DYNAMIC_DNS_EXTRA = [
  'no-ip.biz',
  'no-ip.info',
  'no-ip.org',
  'accesscam.org',
  'camdvr.org',
  'casacam.net',
  'ddnsfree.com',
  'ddnsgeek.com',
  'dynu.net',
  'freeddns.org',
  'giize.com',
  'gleeze.com',
  'kozow.com',
  'loseyourip.com',
  'mywire.org',
  'ooguy.com',
  'theworkpc.com',
  'webredirect.org',
  'loca.lt',
  'ngrok-free.app',
  'ngrok.app',
  'ngrok.io',
  'ply.gg',
  'portmap.io',
  'serveo.net',
  'trycloudflare.com',
];
const dynamicDns = hosts([...load('dynamic-dns', 'hostname', 'dynamic-dns'), ...DYNAMIC_DNS_EXTRA]);
// LOTS's entries with a leading dot are platforms that serve their tenants' content from
// subdomains; the PSL's private section misses many of them (wordpress.com, sharepoint.com).
const userContent = new Set(
  [...load('lots-project', 'hostname', 'user-content')]
    .filter((h) => h.startsWith('.'))
    .map(host)
    .filter((h): h is string => h !== undefined),
);

// ---------- link services ----------
const shorteners = hosts(load('url-shortener', 'hostname', 'url-shortener'));
const linkInBio = hosts(load('link-in-bio', 'hostname', 'link-in-bio'));
const ipLookup = hosts([
  ...load('whats-my-ip', 'hostname', 'ip-lookup'),
  ...load('findip-host', 'hostname', 'ip-lookup'),
]);

// Where adversaries stage payloads and notes. Services that closed for good are left out.
const FILE_SHARING = [
  // paste sites
  '0bin.net',
  'bpa.st',
  'clbin.com',
  'controlc.com',
  'dpaste.com',
  'dpaste.org',
  'ghostbin.co',
  'ghostbin.com',
  'hastebin.com',
  'ix.io',
  'justpaste.it',
  'paste.ee',
  'paste.rs',
  'paste.ubuntu.com',
  'pastebin.com',
  'pastebin.pl',
  'pastetext.net',
  'pastie.org',
  'privatebin.net',
  'rentry.co',
  'rentry.org',
  'sprunge.us',
  'telegra.ph',
  'termbin.com',
  'textbin.net',
  'zerobin.net',
  // code hosts' raw and gist hosts (the repositories themselves are platforms, not file drops)
  'gist.github.com',
  'gist.githubusercontent.com',
  'objects.githubusercontent.com',
  'raw.githubusercontent.com',
  // file drops and cloud drives
  '1drv.com',
  '1drv.ms',
  '4shared.com',
  '4sync.com',
  'anonfiles.com',
  'bashupload.com',
  'box.com',
  'catbox.moe',
  'cdn.discordapp.com',
  'cloud.mail.ru',
  'disk.yandex.com',
  'disk.yandex.ru',
  'docs.google.com',
  'drive.google.com',
  'drive.usercontent.google.com',
  'dropbox.com',
  'dropboxusercontent.com',
  'easyupload.io',
  'file.io',
  'filebin.net',
  'filemail.com',
  'files.fm',
  'filetransfer.io',
  'firebasestorage.googleapis.com',
  'fromsmash.com',
  'gofile.io',
  'krakenfiles.com',
  'media.discordapp.net',
  'mediafire.com',
  'mega.co.nz',
  'mega.io',
  'mega.nz',
  'onedrive.live.com',
  'pcloud.com',
  'pcloud.link',
  'pixeldrain.com',
  'sendspace.com',
  'sharepoint.com',
  'swisstransfer.com',
  'temp.sh',
  'tmpfiles.org',
  'transfer.sh',
  'ufile.io',
  'uguu.se',
  'uploadfiles.io',
  'we.tl',
  'wetransfer.com',
  'yadi.sk',
  'zippyshare.com',
];

// ---------- mail ----------
// Free-mail providers: an adversary's address there says nothing about who owns the domain.
const WEBMAIL = [
  '126.com',
  '163.com',
  'aim.com',
  'aliyun.com',
  'aol.com',
  'bk.ru',
  'cock.li',
  'daum.net',
  'disroot.org',
  'email.com',
  'email.cz',
  'fastmail.com',
  'foxmail.com',
  'free.fr',
  'freenet.de',
  'gmail.com',
  'gmx.at',
  'gmx.com',
  'gmx.de',
  'gmx.net',
  'googlemail.com',
  'hanmail.net',
  'hotmail.co.uk',
  'hotmail.com',
  'hotmail.de',
  'hotmail.fr',
  'hotmail.it',
  'hushmail.com',
  'icloud.com',
  'inbox.ru',
  'interia.pl',
  'internet.ru',
  'kakao.com',
  'laposte.net',
  'libero.it',
  'list.ru',
  'live.co.uk',
  'live.com',
  'live.fr',
  'mac.com',
  'mail.com',
  'mail.ru',
  'mailbox.org',
  'mailfence.com',
  'me.com',
  'msn.com',
  'naver.com',
  'o2.pl',
  'onet.pl',
  'onionmail.org',
  'orange.fr',
  'outlook.com',
  'outlook.de',
  'outlook.fr',
  'pm.me',
  'posteo.de',
  'posteo.net',
  'proton.me',
  'protonmail.ch',
  'protonmail.com',
  'qq.com',
  'rambler.ru',
  'rediffmail.com',
  'riseup.net',
  'rocketmail.com',
  'runbox.com',
  'seznam.cz',
  'sfr.fr',
  'sina.cn',
  'sina.com',
  'sohu.com',
  'startmail.com',
  't-online.de',
  'tuta.com',
  'tuta.io',
  'tutamail.com',
  'tutanota.com',
  'tutanota.de',
  'ukr.net',
  'usa.com',
  'virgilio.it',
  'web.de',
  'wp.pl',
  'ya.ru',
  'yahoo.co.jp',
  'yahoo.co.uk',
  'yahoo.com',
  'yahoo.de',
  'yahoo.fr',
  'yandex.com',
  'yandex.ru',
  'yeah.net',
  'ymail.com',
  'zoho.com',
  'zohomail.com',
];
const webmail = hosts(WEBMAIL);
// MISP types it "substring", but its entries are whole mail domains; matched as domains.
const disposable = new Set(
  [...hosts(load('disposable-email', 'substring', 'disposable-email'))].filter((d) => !webmail.has(d)),
);

// ---------- publishers ----------
// MISP's list is "domains security reports link to": it also holds code hosts, social networks,
// file drops, cloud storage endpoints and a RAT seller. A host there must never vouch for a
// subdomain someone else can create, so those registrable domains are dropped.
const NOT_PUBLISHERS = new Set([
  'amazonaws.com',
  'archive.org',
  'documentcloud.org',
  'dropbox.com',
  'facebook.com',
  'ghostbin.com',
  'github.com',
  'githubusercontent.com',
  'gmane.org',
  'google.com',
  'googledrive.com',
  'googleusercontent.com',
  'hackpad.com',
  'hubspot.net',
  'infotomb.com',
  'liveleak.com',
  'luminosity.link',
  'mediafire.com',
  'medium.com',
  'netsarang.com',
  'opera.com',
  'pastebin.lu',
  'reddit.com',
  'rssing.com',
  'slideshare.net',
  'stackoverflow.com',
  'sync.me',
  't.co',
  'twitter.com',
  'wikipedia.org',
  'youtube.com',
]);
const securityVendors = new Set<string>();
for (const raw of load('security-provider-blogpost', 'hostname', 'security-vendor')) {
  const h = host(raw);
  if (!h || NOT_PUBLISHERS.has(parse(h).domain ?? h)) continue;
  // "www.x" vouches for x and its other hosts; the module matches subdomains.
  securityVendors.add(h.replace(/^www\./, ''));
}

// ---------- parking ----------
// MISP lists name servers a parked domain may use, and some are registrars' or hosts' defaults
// that serve live sites as well (and wordpress.com, whose subdomains are blogs): not parking.
const NOT_PARKING = new Set([
  'bookmyname.com',
  'directnic.com',
  'dnsowl.com',
  'domaincntrol.com',
  'freenom.com',
  'gname.net',
  'markmonitor.com',
  'mijndomein.nl',
  'name.com',
  'one.com',
  'onlydomains.com',
  'registrar-servers.com',
  'rzone.de',
  'sav.com',
  'wordpress.com',
]);
const parkingNs = new Set(
  [...hosts(load('parking-domain-ns', 'hostname', 'parking'))].filter((h) => !NOT_PARKING.has(parse(h).domain ?? h)),
);

// ---------- hashes ----------
const hexes = (raws: string[]) =>
  [...new Set(raws.map((r) => r.trim().toLowerCase()))].filter((h) => /^(?:[0-9a-f]{32,128}|3::)$/.test(h)).sort();
// "3::" is the ssdeep of empty content; the rest are MD5, SHA-1, SHA-224, SHA-256 and SHA-512.
const emptyFile = hexes(load('empty-hashes', 'string', 'empty-file'));
const knownFalsePositive = hexes(load('common-ioc-false-positive', 'string', 'known-false-positive'));
const testFile = hexes(load('eicar.com', 'string', 'test-file'));

// ---------- addresses ----------
function ipv4(s: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + p, 0);
}

interface Split {
  /** Merged [start, end] pairs, flattened and sorted: half the size of CIDR strings, no parsing at load. */
  ipv4: number[];
  /** CIDR strings, canonical lower case: too few to be worth a numeric form. */
  ipv6: string[];
}

function split(raws: Iterable<string>): Split {
  const ranges: [number, number][] = [];
  const v6 = new Set<string>();
  for (const raw of raws) {
    const [addr = '', len] = raw.trim().split('/');
    const start = ipv4(addr);
    if (start !== undefined) {
      const bits = len === undefined ? 32 : Number(len);
      if (!Number.isInteger(bits) || bits < 0 || bits > 32) throw new Error(`bad CIDR ${raw}`);
      const size = 2 ** (32 - bits);
      const base = start - (start % size);
      ranges.push([base, base + size - 1]);
    } else if (isIPv6(addr)) {
      const bits = len === undefined ? 128 : Number(len);
      if (!Number.isInteger(bits) || bits < 0 || bits > 128) throw new Error(`bad CIDR ${raw}`);
      // The URL parser writes IPv6 in its shortest canonical form.
      const canonical = new URL(`http://[${addr}]/`).hostname.slice(1, -1);
      v6.add(`${canonical}/${bits}`);
    } else throw new Error(`not an address: ${raw}`);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return { ipv4: merged.flat(), ipv6: [...v6].sort() };
}

// The resolvers a report names as "the malware checks connectivity with 8.8.8.8", written out
// as facts. MISP's public-dns lists hold every open resolver public-dns.info has seen (63k, most
// of them home routers and stray servers that a report may rightly name as the adversary's), so
// they are not shipped; the build only says which of these that snapshot did not see answer.
const PUBLIC_DNS = [
  // Google
  '8.8.8.8',
  '8.8.4.4',
  '2001:4860:4860::8888',
  '2001:4860:4860::8844',
  '2001:4860:4860::64',
  '2001:4860:4860::6464',
  // Cloudflare
  '1.1.1.1',
  '1.0.0.1',
  '1.1.1.2',
  '1.0.0.2',
  '1.1.1.3',
  '1.0.0.3',
  '2606:4700:4700::1111',
  '2606:4700:4700::1001',
  '2606:4700:4700::1113',
  '2606:4700:4700::64',
  '2606:4700:4700::6400',
  // Quad9
  '9.9.9.9',
  '149.112.112.112',
  '9.9.9.10',
  '149.112.112.10',
  '9.9.9.11',
  '149.112.112.11',
  '2620:fe::fe',
  '2620:fe::9',
  '2620:fe::fe:9',
  '2620:fe::fe:10',
  '2620:fe::11',
  '2620:fe::fe:11',
  // OpenDNS (Cisco)
  '208.67.222.222',
  '208.67.220.220',
  '208.67.222.123',
  '208.67.220.123',
  '2620:119:35::35',
  '2620:119:53::53',
  // AdGuard
  '94.140.14.14',
  '94.140.15.15',
  '94.140.14.15',
  '94.140.15.16',
  '2a10:50c0::ad1:ff',
  '2a10:50c0::ad2:ff',
  // CleanBrowsing
  '185.228.168.9',
  '185.228.169.9',
  '185.228.168.10',
  '185.228.169.11',
  // Level 3 / Lumen
  '4.2.2.1',
  '4.2.2.2',
  '4.2.2.3',
  '4.2.2.4',
  '4.2.2.5',
  '4.2.2.6',
  // Comodo, Yandex, Control D, Neustar/Vercara, Verisign, 114DNS, Quad101, Hurricane Electric,
  // Alibaba, DNSPod, Mullvad, NextDNS
  '8.26.56.26',
  '8.20.247.20',
  '77.88.8.8',
  '77.88.8.1',
  '2a02:6b8::feed:ff',
  '2a02:6b8:0:1::feed:ff',
  '76.76.2.0',
  '76.76.10.0',
  '156.154.70.1',
  '156.154.71.1',
  '64.6.64.6',
  '64.6.65.6',
  '114.114.114.114',
  '114.114.115.115',
  '101.101.101.101',
  '74.82.42.42',
  '2001:470:20::2',
  '223.5.5.5',
  '223.6.6.6',
  '119.29.29.29',
  '194.242.2.2',
  '45.90.28.0',
  '45.90.30.0',
];
const seenDns = new Set(
  [...load('public-dns-v4', 'cidr', 'public-dns'), ...load('public-dns-v6', 'cidr', 'public-dns')].map(
    (s) => split([s]).ipv6[0] ?? s,
  ),
);
const publicDnsUnseen = PUBLIC_DNS.filter((ip) => !seenDns.has(split([ip]).ipv6[0] ?? ip));
const publicDns = split(PUBLIC_DNS);

const sinkholes = split(load('sinkholes', 'cidr', 'sinkhole'));
const parkingIps = split(load('parking-domain', 'cidr', 'parking'));

// Who runs an address, not whether it is benign: adversaries rent cloud servers, and a CDN
// address is shared by every site behind it. Each provider is kept apart so the caller can say
// which.
const NETWORKS = {
  cloudflare: 'cdn',
  fastly: 'cdn',
  akamai: 'cdn',
  'amazon-aws': 'cloud',
  'google-gcp': 'cloud',
  'microsoft-azure': 'cloud',
} as const;
const networks = Object.fromEntries(
  Object.entries(NETWORKS).map(([name, kind]) => [name, { kind, ...split(load(name, 'cidr', `${kind}-range`)) }]),
);

const sorted = (s: Iterable<string>) => [...s].sort();
const data = {
  generated:
    'by packages/extract/scripts/build-benign.ts from the MISP warninglists (CC0 1.0) and the facts written in that script; rebuild it, do not edit this file',
  sources: {
    ...sources,
    'dynamic-dns': [...(sources['dynamic-dns'] ?? []), 'build-benign.ts'],
    webmail: ['build-benign.ts'],
    'file-sharing': ['build-benign.ts'],
    'public-dns': [...(sources['public-dns'] ?? []), 'build-benign.ts (as a check)'],
  },
  domains: {
    popular: sorted(popular),
    webmail: sorted(webmail),
    'disposable-email': sorted(disposable),
    'url-shortener': sorted(shorteners),
    'link-in-bio': sorted(linkInBio),
    'file-sharing': sorted(hosts(FILE_SHARING)),
    'dynamic-dns': sorted(dynamicDns),
    'user-content': sorted(userContent),
    'ip-lookup': sorted(ipLookup),
    'security-vendor': sorted(securityVendors),
    parking: sorted(parkingNs),
  },
  hashes: { 'empty-file': emptyFile, 'known-false-positive': knownFalsePositive, 'test-file': testFile },
  addresses: { 'public-dns': publicDns, sinkhole: sinkholes, parking: parkingIps },
  networks,
};

const json = `${JSON.stringify(data)}\n`;
writeFileSync(out, json);

for (const [k, v] of Object.entries(data.domains)) console.log(`${k.padEnd(22)} ${v.length} domains`);
for (const [k, v] of Object.entries(data.hashes)) console.log(`${k.padEnd(22)} ${v.length} hashes`);
for (const [k, v] of Object.entries(data.addresses))
  console.log(`${k.padEnd(22)} ${v.ipv4.length / 2} IPv4 ranges, ${v.ipv6.length} IPv6 prefixes`);
for (const [k, v] of Object.entries(networks))
  console.log(`${`${v.kind}-range ${k}`.padEnd(22)} ${v.ipv4.length / 2} IPv4 ranges, ${v.ipv6.length} IPv6 prefixes`);
if (publicDnsUnseen.length)
  console.log(`public-dns: not in MISP's resolver lists (kept; check they still answer): ${publicDnsUnseen.join(' ')}`);
console.log(`wrote ${out} (${(json.length / 1024).toFixed(0)} KiB)`);
