import { HttpError } from './errors.ts';

// TAXII 2.1 §1.6.8 Media Types: "application/taxii+json;version=2.1" for TAXII resources
// (objects come wrapped in an envelope, so they are TAXII resources too).
export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';
export const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';

function parts(value: string): { type: string; version: string | undefined } {
  const [type = '', ...params] = value.replace(/\s+/g, '').toLowerCase().split(';');
  const version = params.find((p) => p.startsWith('version='))?.slice('version='.length);
  return { type, version };
}

/**
 * Whether an Accept header lets us answer with the TAXII 2.1 media type. A missing header and
 * wildcards are taken as yes (curl, browsers): the answer is still exactly the TAXII type. A
 * TAXII type of another version, or any other concrete type, is a no.
 */
export function acceptsTaxii(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === '') return true;
  return accept.split(',').some((entry) => {
    const { type, version } = parts(entry);
    if (type === '*/*' || type === 'application/*') return true;
    return type === 'application/taxii+json' && (version === undefined || version === '2.1');
  });
}

export function requireTaxiiAccept(accept: string | undefined): void {
  if (!acceptsTaxii(accept))
    throw new HttpError('not_acceptable', `this server speaks ${TAXII_MEDIA_TYPE}; Accept was ${accept}`);
}

/** TAXII 2.1 §5.4 Add Objects: the request body is a TAXII 2.1 envelope. */
export function requireTaxiiContentType(contentType: string | undefined): void {
  const { type, version } = parts(contentType ?? '');
  if (type !== 'application/taxii+json' || (version !== undefined && version !== '2.1')) {
    throw new HttpError(
      'unsupported_media_type',
      `send the envelope as ${TAXII_MEDIA_TYPE}, not ${contentType ?? 'nothing'}`,
    );
  }
}
