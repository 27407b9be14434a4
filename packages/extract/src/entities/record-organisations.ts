// Organisations that records name by their fields: {"victim": {"name": "X"}} as the parser
// flattens it ("case.victim.name: X"), or a CSV column headed "victim" or "company". The field
// says what the value is, where prose would need a sentence to say it.
import type { Row } from '../text/records.ts';

/** A record or column that holds an organisation. */
const ORGANISATION =
  /^(?:victims?|targets?|compan(?:y|ies)|organi[sz]ations?|employers?|exchanges?|clients?|customers?|front[ _]?compan(?:y|ies))$/;
const NAME_FIELD = /^(?:name|display[ _]?name|legal[ _]?name|organi[sz]ation|company)$/;
/** A value that reads as a name: letters first, no URL, no address, not too long. */
const NAME_VALUE = /^\p{L}[\p{L}\p{N}&'’.,{}() -]{1,80}$/u;

export interface RecordOrganisation {
  name: string;
  start: number;
  end: number;
}

export function findRecordOrganisations(rows: readonly Row[]): RecordOrganisation[] {
  const out: RecordOrganisation[] = [];
  for (const row of rows) {
    const owner = row.path.split('.').at(-1) ?? '';
    for (const [field, cell] of row.fields) {
      const named =
        (ORGANISATION.test(owner) && NAME_FIELD.test(field)) || (row.path === '' && ORGANISATION.test(field));
      const value = cell.value.trim();
      if (named && NAME_VALUE.test(value)) out.push({ name: value, start: cell.start, end: cell.start + value.length });
    }
  }
  return out;
}
