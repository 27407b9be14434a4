// The ids of the extension definitions stixmill's objects use. stixmill's own are UUIDv5 in
// the stixmill namespace (ids.ts) and never change: consumers recognise an extension by its id.

/** TLP 2.0, published by the OASIS CTI TC (cti-stix-common-objects, tlp-2.0). */
export const TLP2_EXTENSION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

/** stixmill's new SCO `cryptocurrency-wallet`. */
export const WALLET_EXTENSION_ID = 'extension-definition--4d6df746-9e82-50e1-a0d4-b35879b34d8f';

/** stixmill's new SCO `phone-number`. */
export const PHONE_EXTENSION_ID = 'extension-definition--7a4cf23b-1603-5f52-b580-4524b299d9cf';

/** stixmill's top-level property `x_stixmill_evidence`. */
export const EVIDENCE_EXTENSION_ID = 'extension-definition--0c27ed5c-8b5a-5395-91ec-34ba98f43e1f';
