import { z } from 'zod';
import { idOf } from './common.ts';
import { ExtensionDefinition, MarkingDefinition } from './meta.ts';
import {
  AutonomousSystem,
  CryptocurrencyWallet,
  DomainName,
  EmailAddr,
  File,
  Ipv4Addr,
  Ipv6Addr,
  MacAddr,
  PhoneNumber,
  Url,
  UserAccount,
} from './sco.ts';
import {
  AttackPattern,
  Campaign,
  Identity,
  Indicator,
  Infrastructure,
  IntrusionSet,
  Location,
  Malware,
  Note,
  Relationship,
  Report,
  ThreatActor,
  Tool,
  Vulnerability,
} from './sdo.ts';

// STIX 2.1 §8 (Bundle): "A Bundle is a collection of arbitrary STIX Objects grouped together
// in a single container ... type (required) bundle, id (required), objects (optional)".

export const StixObject = z.discriminatedUnion('type', [
  Identity,
  Indicator,
  ThreatActor,
  IntrusionSet,
  Campaign,
  Malware,
  Tool,
  Infrastructure,
  AttackPattern,
  Vulnerability,
  Location,
  Report,
  Note,
  Relationship,
  Ipv4Addr,
  Ipv6Addr,
  DomainName,
  Url,
  EmailAddr,
  File,
  AutonomousSystem,
  MacAddr,
  UserAccount,
  CryptocurrencyWallet,
  PhoneNumber,
  MarkingDefinition,
  ExtensionDefinition,
]);
export type StixObject = z.infer<typeof StixObject>;
export type StixType = StixObject['type'];

export const Bundle = z.strictObject({
  type: z.literal('bundle'),
  id: idOf('bundle'),
  objects: z.array(StixObject).min(1),
});
export type Bundle = z.infer<typeof Bundle>;
