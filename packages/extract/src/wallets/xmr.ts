// Monero: 95-character standard (4...) and sub-addresses (8...), 106-character integrated
// addresses, in Monero's block Base58. Checked by alphabet, length and network byte prefix.
export const XMR_CANDIDATE = /\b[48][0-9AB][1-9A-HJ-NP-Za-km-z]{93}(?:[1-9A-HJ-NP-Za-km-z]{11})?\b/g;

export function isMoneroAddress(s: string): boolean {
  return (s.length === 95 || s.length === 106) && /^[48][0-9AB]/.test(s);
}
