import type { Page, StoredObject } from '@stixmill/store';

/**
 * TAXII 2.1 §3.3.1 / §5.3: "X-TAXII-Date-Added-First: the date_added of the first object in the
 * response; X-TAXII-Date-Added-Last: of the last". An empty page has no object, so it has neither
 * header: a made-up date would tell a client something the server never added. (OpenCTI, without
 * -Last, starts its next poll at its own "now": the objects a later poll would miss are those added
 * within the clock skew between it and this server, which NTP keeps to milliseconds. The OpenCTI
 * guide says so.)
 */
export function dateAddedHeaders(page: Page<StoredObject>): Record<string, string> {
  return page.firstAdded === undefined || page.lastAdded === undefined
    ? {}
    : { 'x-taxii-date-added-first': page.firstAdded, 'x-taxii-date-added-last': page.lastAdded };
}

/** The paging fields of a TAXII envelope: `more`, and `next` only while there is more. */
export function paging(page: Page<StoredObject>): { more: boolean; next?: string } {
  return page.next === undefined ? { more: page.more } : { more: page.more, next: page.next };
}
