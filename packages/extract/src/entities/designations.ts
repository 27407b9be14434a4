// Threat clusters named by a vendor's numbering scheme ("TA9001", "UNC9999", "Storm-9999",
// "DEV-9999", "FIN99"): the scheme itself says the name is a group's, so a cluster no catalogue
// lists yet is still found. Each scheme is one row, with who uses it.

export interface DesignationHit {
  name: string;
  start: number;
  end: number;
}

const SCHEMES: ReadonlyArray<{ pattern: string; owner: string }> = [
  { pattern: String.raw`TA\d{3,4}`, owner: 'Proofpoint' },
  { pattern: String.raw`UNC\d{3,5}`, owner: 'Mandiant' },
  { pattern: String.raw`(?:DEV|Storm)-\d{4}`, owner: 'Microsoft' },
  { pattern: String.raw`FIN\d{1,2}`, owner: 'Mandiant' },
  { pattern: String.raw`APT\d{1,3}`, owner: 'Mandiant' },
  { pattern: String.raw`APT-C-\d{2,3}`, owner: 'Qihoo 360' },
  { pattern: String.raw`TAG-\d{2,3}`, owner: 'Recorded Future' },
  { pattern: String.raw`(?:TG|Threat Group)-\d{4}`, owner: 'Secureworks' },
  { pattern: String.raw`UA[CT]-\d{4}`, owner: 'CERT-UA and Cisco Talos' },
  { pattern: String.raw`CL-(?:STA|CRI|UNK)-\d{4}`, owner: 'Palo Alto Networks' },
];

const DESIGNATION = new RegExp(
  String.raw`(?<![\w./-])(?:${SCHEMES.map((s) => s.pattern).join('|')})(?![\w-]|\.\d)`,
  'g',
);

export function findDesignations(text: string): DesignationHit[] {
  return [...text.matchAll(DESIGNATION)].map((m) => ({ name: m[0], start: m.index, end: m.index + m[0].length }));
}
