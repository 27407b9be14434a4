import { z } from 'zod';
import { PHONE_EXTENSION_ID, WALLET_EXTENSION_ID } from '../extension-ids.ts';
import { type ScoType, scoId } from '../ids.ts';
import { Hashes, idOf, scoCommon } from './common.ts';

// STIX 2.1 §6 (STIX Cyber-observable Objects) for the types stixmill emits, plus two new SCOs
// defined by stixmill's extension definitions (§7.3, extension_type `new-sco`).

/** An SCO's id must be the deterministic one (§2.9), so a replay never makes a second object. */
function withDeterministicId<T extends z.ZodObject>(type: ScoType, schema: T) {
  return schema.superRefine((obj, ctx) => {
    const record = obj as Record<string, unknown>;
    let expected: string;
    try {
      expected = scoId(type, record);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message, path: ['id'] });
      return;
    }
    if (record.id !== expected)
      ctx.addIssue({ code: 'custom', message: `id is not the deterministic ${expected}`, path: ['id'] });
  });
}

/** An SCO schema of one type: the common SCO properties plus its own, with its deterministic id checked. */
function sco<T extends ScoType, S extends z.ZodRawShape>(type: T, shape: S) {
  const schema = z.strictObject({
    type: z.literal(type),
    spec_version: z.literal('2.1'),
    id: idOf(type),
    ...scoCommon,
    ...shape,
  });
  return withDeterministicId(type, schema);
}

/** A new SCO must name the extension definition that declares it (§7.3.1 new-sco). */
function declaredBy(extensionId: string) {
  return z
    .record(z.string(), z.looseObject({}))
    .refine((e) => (e[extensionId] as { extension_type?: string } | undefined)?.extension_type === 'new-sco', {
      message: `must reference ${extensionId} with extension_type 'new-sco'`,
    });
}

const IPV4 = /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\/(3[0-2]|[12]?\d))?$/;

export const Ipv4Addr = sco('ipv4-addr', {
  value: z.string().regex(IPV4),
});
export type Ipv4Addr = z.infer<typeof Ipv4Addr>;

export const Ipv6Addr = sco('ipv6-addr', {
  value: z.union([z.ipv6(), z.cidrv6()]),
});
export type Ipv6Addr = z.infer<typeof Ipv6Addr>;

// Letters of any script are allowed (internationalised names); each label 1-63 characters.
const DOMAIN = /^(?=.{1,253}$)([\p{L}\p{N}_](?:[\p{L}\p{N}_-]{0,61}[\p{L}\p{N}_])?\.)+[\p{L}\p{N}-]{2,63}$/u;

export const DomainName = sco('domain-name', {
  value: z.string().regex(DOMAIN),
});
export type DomainName = z.infer<typeof DomainName>;

// §6.14: "The value of this property MUST conform to [RFC3986]": a scheme, then only the
// characters RFC 3986 allows (anything else percent-encoded).
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/;

export const Url = sco('url', {
  value: z.string().regex(URI, 'not an RFC 3986 URI'),
});
export type Url = z.infer<typeof Url>;

export const EmailAddr = sco('email-addr', {
  // What the OASIS stix2-validator accepts as format "email" (RFC 5322 allows more, e.g. an
  // apostrophe in the local part, but a consumer running that validator would reject it).
  value: z.string().regex(/^[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+$/, 'not an email address'),
  display_name: z.string().min(1).optional(),
});
export type EmailAddr = z.infer<typeof EmailAddr>;

export const File = sco('file', {
  hashes: Hashes.optional(),
  name: z.string().min(1).optional(),
  size: z.number().int().nonnegative().optional(),
}).refine((f) => f.hashes !== undefined || f.name !== undefined, 'a file needs hashes or a name');
export type File = z.infer<typeof File>;

export const AutonomousSystem = sco('autonomous-system', {
  number: z.number().int().min(0).max(4294967295),
  name: z.string().min(1).optional(),
  rir: z.string().min(1).optional(),
});
export type AutonomousSystem = z.infer<typeof AutonomousSystem>;

export const MacAddr = sco('mac-addr', {
  // §6.10: "The MAC address value MUST be represented as a single colon-delimited, lowercase MAC-48 address".
  value: z.string().regex(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/),
});
export type MacAddr = z.infer<typeof MacAddr>;

export const UserAccount = sco('user-account', {
  user_id: z.string().min(1).optional(),
  account_login: z.string().min(1).optional(),
  account_type: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    .optional(),
  display_name: z.string().min(1).optional(),
}).refine(
  (u) => u.user_id !== undefined || u.account_login !== undefined || u.display_name !== undefined,
  'a user account needs a user_id, account_login or display_name',
);
export type UserAccount = z.infer<typeof UserAccount>;

/**
 * `cryptocurrency-wallet`: STIX 2.1 has no wallet SCO, so stixmill declares one as a new SCO
 * (§7.3). `value` is the address as the chain writes it (case kept: base58 and bech32 differ
 * from hex) and is the only id-contributing property; `chain` is the ticker (BTC, ETH, TRX ...).
 * The type name and `value` match OpenCTI's Cryptocurrency-Wallet observable.
 */
export const CryptocurrencyWallet = sco('cryptocurrency-wallet', {
  value: z.string().regex(/^[A-Za-z0-9:._-]{8,128}$/, 'not a wallet address'),
  chain: z
    .string()
    .regex(/^[A-Z0-9]{2,10}$/)
    .optional(),
  extensions: declaredBy(WALLET_EXTENSION_ID),
});
export type CryptocurrencyWallet = z.infer<typeof CryptocurrencyWallet>;

/**
 * `phone-number`: STIX 2.1 has no phone SCO and reserves the property name `phone_numbers`
 * (§3.2: it "MUST NOT be used"), and identity's `contact_information` is free text a SOC
 * cannot match or relate. So a phone number is a new SCO declared by stixmill's extension
 * definition, `value` in E.164 form (+ and digits), matching OpenCTI's Phone-Number observable.
 */
export const PhoneNumber = sco('phone-number', {
  value: z.string().regex(/^\+?[0-9]{5,15}$/, 'not an E.164 phone number'),
  extensions: declaredBy(PHONE_EXTENSION_ID),
});
export type PhoneNumber = z.infer<typeof PhoneNumber>;

export const SCO_SCHEMAS = {
  'ipv4-addr': Ipv4Addr,
  'ipv6-addr': Ipv6Addr,
  'domain-name': DomainName,
  url: Url,
  'email-addr': EmailAddr,
  file: File,
  'autonomous-system': AutonomousSystem,
  'mac-addr': MacAddr,
  'user-account': UserAccount,
  'cryptocurrency-wallet': CryptocurrencyWallet,
  'phone-number': PhoneNumber,
} as const satisfies Record<ScoType, z.ZodType>;

export type Sco = z.infer<(typeof SCO_SCHEMAS)[ScoType]>;
