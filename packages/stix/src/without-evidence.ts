// An object without stixmill's evidence property: for clients that want only standard STIX
// (the evidence stays in each object's description and external reference, which every client
// shows). Removes `x_stixmill_evidence` and the extension entry that declares it, and the
// `extensions` map when nothing else is left in it; the object is otherwise as stored.
import { EVIDENCE_EXTENSION_ID } from './extension-ids.ts';

type Json = Record<string, unknown>;

export function withoutEvidence<T extends Json>(object: T): T {
  const extensions = object.extensions as Json | undefined;
  const declares = extensions !== undefined && typeof extensions === 'object' && EVIDENCE_EXTENSION_ID in extensions;
  if (!('x_stixmill_evidence' in object) && !declares) return object;
  const { x_stixmill_evidence: _evidence, extensions: _extensions, ...rest } = object;
  if (!declares) return { ...rest, ...(extensions === undefined ? {} : { extensions }) } as unknown as T;
  const { [EVIDENCE_EXTENSION_ID]: _declaration, ...others } = extensions as Json;
  return (Object.keys(others).length ? { ...rest, extensions: others } : rest) as unknown as T;
}
