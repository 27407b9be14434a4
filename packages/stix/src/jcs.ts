// RFC 8785 JSON Canonicalization Scheme (JCS): the byte string that deterministic STIX ids hash.
//
// RFC 8785 §3.2: "whitespace between the elements MUST NOT be emitted", primitives are
// serialised as ECMAScript's JSON.stringify does, and "JSON object properties MUST be sorted
// ... by their names ... formatted as arrays of UTF-16 code units". Array.prototype.sort's
// default comparison is exactly that UTF-16 code-unit order.

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export function canonicalize(value: JsonValue): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`JCS cannot encode the number ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalize).join(',')}]`;
  const keys = Object.keys(value).sort();
  const members: string[] = [];
  for (const key of keys) {
    const member = value[key];
    if (member === undefined) continue;
    members.push(`${JSON.stringify(key)}:${canonicalize(member)}`);
  }
  return `{${members.join(',')}}`;
}
