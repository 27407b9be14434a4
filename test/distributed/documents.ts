import { createHash } from 'node:crypto';

// Fifty distinct reports for the distributed tests: each names indicators of its own (a domain,
// an IP address, a file hash, an e-mail) beside facts shared by all (the scheme, a facilitator), so
// the feed holds objects that belong to one report and objects that several reports share.

export interface GeneratedReport {
  /** The token in every indicator unique to this report. */
  token: string;
  domain: string;
  ip: string;
  sha256: string;
  text: string;
}

const FILLER = [
  'The workers applied for remote software roles with stolen or borrowed identities and rehearsed interviews.',
  'Company laptops were shipped to a residence where a facilitator kept them powered and connected.',
  'Salaries were paid into accounts controlled by the facilitator and moved on to the workers abroad.',
  'Recruiters noticed that the candidates avoided video calls and used the same references repeatedly.',
];

/** Report `i` of a batch; `padTo` pads the text (to push the body past the claim-check threshold). */
export function generateReport(batch: string, i: number, padTo = 0): GeneratedReport {
  // Letters outside hex, so the token never matches inside an id or a hash by chance.
  const token = `zq${batch}x${i}`;
  const domain = `payroll-${token}-staffing.com`;
  const ip = `45.${130 + (i % 100)}.${(Number.parseInt(batch.slice(0, 2), 16) + i) % 250}.${10 + (i % 200)}`;
  const sha256 = createHash('sha256').update(`installer ${token}`).digest('hex');
  const lines = [
    `Advisory ${token}: remote IT worker scheme, facilitator network`,
    '',
    'Summary',
    'North Korean IT workers obtained remote jobs at technology firms under fake personas.',
    '',
    'Indicators',
    `- Domain used for fake references: ${domain.replace('.com', '[.]com')}`,
    `- Remote access relay at ${ip.replace(/\.(\d+)$/, '[.]$1')}`,
    `- Contact: recruiter.${token}@${domain.replace('.com', '[.]com')}`,
    `- SHA-256 of the remote-access installer: ${sha256}`,
    '',
  ];
  let text = lines.join('\n');
  for (let n = 0; text.length < padTo; n++) text += `${FILLER[n % FILLER.length]} (${n})\n`;
  return { token, domain, ip, sha256, text };
}
