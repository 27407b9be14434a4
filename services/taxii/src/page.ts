import type { ObjectFilter, Page, StoredObject } from '@stixmill/store';

/**
 * TAXII 2.1 §3.3.1 / §5.3: "X-TAXII-Date-Added-First: the date_added of the first object in the
 * response; X-TAXII-Date-Added-Last: of the last". An empty page has neither, but OpenCTI takes
 * its next `added_after` from -Last and falls back to "now" without it, which would skip anything
 * added in between. So an empty page repeats where the client already is: its `added_after`, or
 * the epoch when it has none.
 */
export function dateAddedHeaders(page: Page<StoredObject>, filter: ObjectFilter): Record<string, string> {
  const position = filter.addedAfter ?? '1970-01-01T00:00:00.000000Z';
  return {
    'x-taxii-date-added-first': page.firstAdded ?? position,
    'x-taxii-date-added-last': page.lastAdded ?? position,
  };
}

/** The paging fields of a TAXII envelope: `more`, and `next` only while there is more. */
export function paging(page: Page<StoredObject>): { more: boolean; next?: string } {
  return page.next === undefined ? { more: page.more } : { more: page.more, next: page.next };
}
