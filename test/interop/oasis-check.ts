import { runPython } from './python.ts';

// One run of the real OASIS tools over named bundles: stix2-validator (schemas, MUST rules,
// best-practice checks, references enforced), stix2-patterns (every indicator pattern parses,
// and its literal unescapes to the SCO's value), and python-stix2 (the bundle loads; built-in
// SCOs get the same deterministic id from stix2 as from us).

const CHECK = String.raw`
import json, re, sys
from stix2validator import validate_parsed_json, ValidationOptions
from stix2patterns.validator import run_validator
from stix2patterns.v21.pattern import Pattern
import stix2
from stix2.v21 import OBJ_MAP_OBSERVABLE

def unescape(raw):
    if raw.startswith("'") and raw.endswith("'"):
        return re.sub(r"\\(.)", r"\1", raw[1:-1])
    return raw

def lookup(obj, path):
    for step in path:
        obj = obj.get(step) if isinstance(obj, dict) else None
    return obj

def check(bundle):
    out = {"errors": [], "warnings": [], "patterns": 0, "pattern_errors": [], "literal_mismatches": [],
           "parse_error": None, "id_mismatches": []}
    options = ValidationOptions(version="2.1", enforce_refs=True, silent=True)
    results = validate_parsed_json(bundle, options)
    for r in (results if isinstance(results, list) else [results]):
        out["errors"] += [str(e) for e in (r.errors or [])]
        out["warnings"] += [str(w) for w in (r.warnings or [])]
    by_id = {o["id"]: o for o in bundle["objects"]}
    based_on = {o["source_ref"]: by_id.get(o["target_ref"]) for o in bundle["objects"]
                if o["type"] == "relationship" and o["relationship_type"] == "based-on"}
    for obj in bundle["objects"]:
        if obj["type"] == "indicator":
            out["patterns"] += 1
            errors = run_validator(obj["pattern"], stix_version="2.1")
            if errors:
                out["pattern_errors"].append({"pattern": obj["pattern"], "errors": errors})
                continue
            sco = based_on.get(obj["id"])
            for object_type, comparisons in Pattern(obj["pattern"]).inspect().comparisons.items():
                for path, op, raw in comparisons:
                    expected = lookup(sco, path) if sco and sco["type"] == object_type else None
                    if op != "=" or expected is None or unescape(raw) != str(expected):
                        out["literal_mismatches"].append({"pattern": obj["pattern"], "path": path, "expected": expected})
        cls = OBJ_MAP_OBSERVABLE.get(obj["type"])
        if cls is not None:
            again = cls(**{k: v for k, v in obj.items() if k != "id"}, allow_custom=True)
            if again.id != obj["id"]:
                out["id_mismatches"].append({"ours": obj["id"], "stix2": again.id})
    try:
        stix2.parse(bundle, allow_custom=True)
    except Exception as e:
        out["parse_error"] = type(e).__name__ + ": " + str(e)
    return out

bundles = json.load(sys.stdin)
print(json.dumps({name: check(bundle) for name, bundle in bundles.items()}))
`;

export interface Checked {
  errors: string[];
  warnings: string[];
  patterns: number;
  pattern_errors: unknown[];
  literal_mismatches: unknown[];
  parse_error: string | null;
  id_mismatches: unknown[];
}

/**
 * stix2-validator warnings we accept, each for a reason:
 * 103: deterministic UUIDv5 ids on SDOs/SROs/meta objects and on our new SCOs (STIX 2.1 §2.9 allows
 *      v5 in a producer namespace; the validator recommends v4 and does not know new SCOs are SCOs).
 * 202: indicator based-on SCO (the spec only suggests observed-data as the target).
 * 244: user-account account_type of a service outside the account-type vocabulary (github, telegram).
 */
export const KNOWN_WARNINGS = ['103', '202', '244'];

export function warningCodes(warnings: readonly string[]): Set<string> {
  return new Set(warnings.map((w) => /\{(\d+)\}/.exec(w)?.[1] ?? '?'));
}

export function checkBundles(bundles: Record<string, unknown>): Record<string, Checked> {
  const run = runPython(CHECK, JSON.stringify(bundles));
  if (run.status !== 0) throw new Error(`the OASIS check failed (exit ${run.status}):\n${run.stderr}`);
  const results = JSON.parse(run.stdout) as Record<string, Checked>;
  // The warnings that remain, grouped by check code, for the record.
  for (const [name, result] of Object.entries(results)) {
    const codes = new Map<string, number>();
    for (const w of result.warnings) {
      const code = /\{(\d+)\}/.exec(w)?.[1] ?? '?';
      codes.set(code, (codes.get(code) ?? 0) + 1);
    }
    console.log(`${name}: ${result.warnings.length} stix2-validator warnings`, Object.fromEntries(codes));
  }
  return results;
}
