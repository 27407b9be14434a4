import type { DocumentMeta, Evidence as FoundEvidence } from '@stixmill/contracts';
import type { Evidence, ExternalReference } from '@stixmill/stix';

// How a STIX object keeps the evidence it was made from: the custom property
// `x_stixmill_evidence` (declared by stixmill's evidence extension definition) for tools that
// read it, and an external reference to the source document for tools that do not.

/** Where the document can be found again: the URL after redirects, else what was submitted. */
export function documentSource(meta: DocumentMeta): string {
  return meta.finalUrl ?? meta.source;
}

function httpUrl(value: string): string | undefined {
  return /^https?:\/\//i.test(value) && URL.canParse(value) ? value : undefined;
}

/** A name for the publisher, for `source_name`: the site, else the URL's host, else `stixmill`. */
function sourceName(meta: DocumentMeta): string {
  if (meta.site) return meta.site;
  const url = httpUrl(documentSource(meta));
  return url ? new URL(url).hostname : 'stixmill';
}

/** The report's reference to its document: URL plus the sha256 of the bytes that were read. */
export function documentReference(meta: DocumentMeta): ExternalReference {
  const url = httpUrl(documentSource(meta));
  return url
    ? { source_name: sourceName(meta), url, hashes: { 'SHA-256': meta.sha256 } }
    : { source_name: sourceName(meta), description: `document ${meta.source}`, hashes: { 'SHA-256': meta.sha256 } };
}

const MAX_DESCRIPTION = 1000;

function clip(text: string): string {
  return text.length <= MAX_DESCRIPTION ? text : `${text.slice(0, MAX_DESCRIPTION - 1)}…`;
}

/** An object's reference to the document, with the first sentence it was seen in. */
export function evidenceReference(meta: DocumentMeta, evidence: readonly Evidence[]): ExternalReference {
  const first = evidence[0];
  const reference = documentReference(meta);
  return first ? { ...reference, description: clip(first.sentence) } : reference;
}

/** The findings' evidence as STIX carries it: non-empty sentences, each once. */
export function toEvidence(meta: DocumentMeta, found: readonly FoundEvidence[]): Evidence[] {
  const source = documentSource(meta);
  const seen = new Set<string>();
  const out: Evidence[] = [];
  for (const e of found) {
    const sentence = e.sentence.trim();
    const key = `${e.start}:${e.end}:${sentence}`;
    if (sentence === '' || seen.has(key)) continue;
    seen.add(key);
    out.push({
      sentence,
      source,
      start: e.start,
      end: e.end,
      ...(e.page === undefined ? {} : { page: e.page }),
      ...(e.reasons && e.reasons.length > 0 ? { reasons: [...e.reasons] } : {}),
    });
  }
  return out;
}
