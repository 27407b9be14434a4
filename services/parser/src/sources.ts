import type { CheerioAPI } from 'cheerio';

// Publishers whose page structure carries meaning the generic article finder would lose or
// misplace. A profile names the element that holds the body and the facts around it (who
// issued it, its topics, its number), which the parser writes as short lead paragraphs under
// the title: ParsedDocument has no fields for them yet.

export interface SourceProfile {
  name: 'doj-press-release';
  /** Selector of the article body; the generic finder is used when it matches nothing. */
  root: string;
  /** Facts from around the body, in the order a reader meets them. */
  lead: string[];
  published?: string;
}

function texts($: CheerioAPI, selector: string): string[] {
  return $(selector)
    .toArray()
    .map((el) => $(el).text().replace(/\s+/g, ' ').trim())
    .filter((t, i, all) => t !== '' && all.indexOf(t) === i);
}

function isoOf(value: string | undefined): string | undefined {
  const time = value ? Date.parse(value.trim()) : Number.NaN;
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/**
 * justice.gov press releases (Office of Public Affairs and the U.S. Attorneys' Offices) are
 * Drupal nodes whose fields are named `field--name-field-pr-*`: body, component, topic,
 * number, date, contact.
 */
function dojPressRelease($: CheerioAPI, site: string | undefined): SourceProfile | undefined {
  const isDoj = site === 'justice.gov' || site?.endsWith('.justice.gov') === true;
  const body = '.field--name-field-pr-body, .field--name-body.field--type-text-with-summary';
  if (!isDoj && $('.field--name-field-pr-body').length === 0) return undefined;
  if ($(body).length === 0) return undefined;
  const field = (name: string) => texts($, `.field--name-field-pr-${name} .field__item`);
  const subtitle = texts($, '.node-subtitle, .field--name-field-pr-subtitle');
  // The issuing office as the page names it ("U.S. Attorney's Office, District of Columbia").
  const office = texts($, '.node-office, .field--name-field-pr-office .field__item');
  const components = field('component');
  const topics = field('topic');
  const number = field('number')[0];
  const lead = [
    ...subtitle,
    ...office,
    ...(components.length ? [`${components.length > 1 ? 'Components' : 'Component'}: ${components.join('; ')}`] : []),
    ...(topics.length ? [`${topics.length > 1 ? 'Topics' : 'Topic'}: ${topics.join('; ')}`] : []),
    ...(number ? [`Press Release Number: ${number}`] : []),
  ];
  const date =
    $('.field--name-field-pr-date time[datetime]').first().attr('datetime') ??
    $('.date-display-single[content]').first().attr('content') ??
    $('.node-date time[datetime]').first().attr('datetime');
  const published = isoOf(date);
  return { name: 'doj-press-release', root: body, lead, ...(published ? { published } : {}) };
}

/** The profile of a page whose publisher we know, or undefined for the generic extraction. */
export function sourceProfile($: CheerioAPI, site: string | undefined): SourceProfile | undefined {
  return dojPressRelease($, site);
}
