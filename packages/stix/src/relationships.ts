// The relationships STIX 2.1 defines between the object types stixmill emits, from the
// "Relationships" table of each SDO in §4 (and the common ones of §5.1.1). Others are allowed
// by the spec but not suggested; stixmill maps them to `related-to` rather than invent meaning.

type Targets = Readonly<Record<string, readonly string[]>>;

/** §5.1.1: "derived-from, duplicate-of and related-to ... are defined for all SDO and SCO types". */
const COMMON = ['derived-from', 'duplicate-of', 'related-to'];

const SPEC: Readonly<Record<string, Targets>> = {
  'attack-pattern': {
    delivers: ['malware'],
    targets: ['identity', 'location', 'vulnerability'],
    uses: ['malware', 'tool'],
  },
  campaign: {
    'attributed-to': ['intrusion-set', 'threat-actor'],
    compromises: ['infrastructure'],
    'originates-from': ['location'],
    targets: ['identity', 'location', 'vulnerability'],
    uses: ['attack-pattern', 'infrastructure', 'malware', 'tool'],
  },
  identity: { 'located-at': ['location'] },
  indicator: {
    indicates: ['attack-pattern', 'campaign', 'infrastructure', 'intrusion-set', 'malware', 'threat-actor', 'tool'],
    'based-on': ['observed-data'],
  },
  infrastructure: {
    'communicates-with': ['infrastructure', 'ipv4-addr', 'ipv6-addr', 'domain-name', 'url'],
    'consists-of': [
      'infrastructure',
      'domain-name',
      'email-addr',
      'file',
      'ipv4-addr',
      'ipv6-addr',
      'mac-addr',
      'url',
      'user-account',
      'autonomous-system',
    ],
    controls: ['infrastructure', 'malware'],
    delivers: ['malware'],
    has: ['vulnerability'],
    hosts: ['tool', 'malware'],
    'located-at': ['location'],
    uses: ['infrastructure'],
  },
  'intrusion-set': {
    'attributed-to': ['threat-actor'],
    compromises: ['infrastructure'],
    hosts: ['infrastructure'],
    'originates-from': ['location'],
    owns: ['infrastructure'],
    targets: ['identity', 'location', 'vulnerability'],
    uses: ['attack-pattern', 'infrastructure', 'malware', 'tool'],
  },
  malware: {
    'authored-by': ['threat-actor', 'intrusion-set'],
    'beacons-to': ['infrastructure'],
    'communicates-with': ['ipv4-addr', 'ipv6-addr', 'domain-name', 'url'],
    controls: ['malware'],
    downloads: ['malware', 'file', 'tool'],
    drops: ['malware', 'file', 'tool'],
    exploits: ['vulnerability'],
    'originates-from': ['location'],
    targets: ['identity', 'infrastructure', 'location'],
    uses: ['attack-pattern', 'infrastructure', 'malware', 'tool'],
    'variant-of': ['malware'],
  },
  'threat-actor': {
    'attributed-to': ['identity'],
    compromises: ['infrastructure'],
    hosts: ['infrastructure'],
    impersonates: ['identity'],
    'located-at': ['location'],
    owns: ['infrastructure'],
    targets: ['identity', 'location', 'vulnerability'],
    uses: ['attack-pattern', 'infrastructure', 'malware', 'tool'],
  },
  tool: {
    delivers: ['malware'],
    drops: ['malware'],
    has: ['vulnerability'],
    targets: ['identity', 'infrastructure', 'location', 'vulnerability'],
    uses: ['infrastructure'],
  },
};

/** Whether STIX 2.1 defines `relationshipType` from `sourceType` to `targetType`. */
export function isSpecRelationship(sourceType: string, relationshipType: string, targetType: string): boolean {
  if (COMMON.includes(relationshipType)) return true;
  return SPEC[sourceType]?.[relationshipType]?.includes(targetType) ?? false;
}
