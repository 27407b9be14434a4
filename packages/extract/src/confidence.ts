// How sure a finding is, by what found it: one table, so the levels can be read (and argued
// with) in one place. The scale is STIX `confidence` (0-100). The README explains each row.
//
// The levels order the evidence an analyst would weigh: a checksum proves a wallet is a wallet;
// a catalogue name proves a group is known; a defanged value was marked as an indicator by its
// author; a name found only through a cue word, or a value found only through a label, is a
// reading of the text that can be wrong.

export const CUE_CONFIDENCE = {
  // indicators
  url: 85,
  'url-host': 75,
  'url-host-ip': 80,
  'partial-url-host': 70,
  domain: 75,
  ipv4: 80,
  ipv6: 75,
  email: 85,
  'email-free-mail': 80,
  hash: 85,
  'wallet-checksum': 95,
  'wallet-no-checksum': 85,
  'wallet-context': 70,
  cve: 90,
  asn: 60,
  'mac-labelled': 70,
  'phone-labelled': 60,
  'account-labelled': 70,
  // entities
  'gazetteer-name': 85,
  'gazetteer-with-aliases': 90,
  'gazetteer-needs-cue': 70,
  'technique-id': 90,
  'attack-link': 90,
  'technique-name': 75,
  country: 80,
  place: 70,
  'city-state': 65,
  'described-group': 75,
  'cluster-designation': 80,
  'person-native-script': 80,
  'person-sanctions-entry': 80,
  'person-alias': 75,
  'person-persona': 70,
  'person-role': 60,
  'person-mention': 60,
  'organisation-legal-form': 70,
  'organisation-sanctions': 75,
  'organisation-state-body': 75,
  'organisation-front': 70,
  'organisation-victim': 60,
  'organisation-head-noun': 65,
  'organisation-record': 70,
  'malware-named': 70,
  'repository-link': 70,
  'software-structure': 65,
  'campaign-operation': 75,
  'campaign-named': 65,
} as const;

export type Cue = keyof typeof CUE_CONFIDENCE;

/** What the author did to the value: defanging marks it as an indicator on purpose. */
const DEFANGED = /\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\[at\]|\(at\)|\[@\]|\[:\]|\[:\/\/\]|\bhxxps?|\bfxp|\bh\*\*p/i;
const DEFANG_BONUS = 10;
/** Whether the author wrote the value defanged: a deliberate mark that it is an indicator. */
export const writtenDefanged = (written: string) => DEFANGED.test(written);
/** Listed under a heading that says the values are indicators. */
const IOC_SECTION_BONUS = 5;

export function confidence(cue: Cue, signals: { written?: string; inIocSection?: boolean } = {}): number {
  let c: number = CUE_CONFIDENCE[cue];
  if (signals.written !== undefined && writtenDefanged(signals.written)) c += DEFANG_BONUS;
  if (signals.inIocSection) c += IOC_SECTION_BONUS;
  return Math.min(c, 99);
}
