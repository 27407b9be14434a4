// @stixmill/stix: STIX 2.1 types and schemas, builders, deterministic ids, patterns. Pure: no I/O.

export {
  buildBundle,
  buildIndicator,
  buildRelationship,
  buildReport,
  buildSco,
  buildSdo,
  parseBundle,
  type ScoOf,
  type ScoProperties,
  type SdoOf,
  type SdoProperties,
} from './builders.ts';
export { type StixIssue, StixValidationError } from './errors.ts';
export { EVIDENCE_EXTENSION_ID, PHONE_EXTENSION_ID, TLP2_EXTENSION_ID, WALLET_EXTENSION_ID } from './extension-ids.ts';
export {
  EVIDENCE_EXTENSION,
  PHONE_EXTENSION,
  producerIdentity,
  STIXMILL_EXTENSIONS,
  STIXMILL_IDENTITY,
  WALLET_EXTENSION,
} from './extensions.ts';
export {
  indicatorId,
  normaliseName,
  producerIdentityId,
  relationshipId,
  reportId,
  SCO_NAMESPACE,
  SCO_TYPES,
  type ScoType,
  STIXMILL_NAMESPACE,
  scoId,
  sdoId,
} from './ids.ts';
export { canonicalize, type JsonValue } from './jcs.ts';
export {
  COMPARISON_OPERATORS,
  type ComparisonOperator,
  comparison,
  equalsPattern,
  literal,
  objectPath,
  observation,
  type PatternLiteral,
  stringLiteral,
} from './pattern.ts';
export { patternProblem } from './pattern-check.ts';
export { isSpecRelationship } from './relationships.ts';
export {
  ADDABLE_ENTITIES,
  ADDABLE_OBSERVABLES,
  type AddableType,
  type Addition,
  type Revised,
  type Revision,
  reviseBundle,
  type StixBundleLike,
} from './revise.ts';
export * from './schemas/bundle.ts';
export * from './schemas/common.ts';
export * from './schemas/meta.ts';
export * from './schemas/sco.ts';
export * from './schemas/sdo.ts';
export {
  TLP_LEVEL_OF_MARKING,
  TLP_LEVELS,
  TLP_MARKINGS,
  TLP1_MARKING_IDS,
  TLP2_EXTENSION_DEFINITION,
  type TlpLevel,
  tlpMarking,
  tlpMarkingIds,
} from './tlp.ts';
export { uuidv5 } from './uuid5.ts';
export { withoutEvidence } from './without-evidence.ts';
