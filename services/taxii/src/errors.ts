// One error type for the HTTP edge: a closed set of codes, each with its status, so a new code
// without a status does not compile. TAXII routes render it as a TAXII error object, the report
// API as plain JSON.

export const HTTP_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  not_acceptable: 406,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  internal: 500,
  not_implemented: 501,
  unavailable: 503,
} as const satisfies Record<string, number>;

export type HttpErrorCode = keyof typeof HTTP_STATUS;

const TITLES = {
  bad_request: 'Bad Request',
  unauthorized: 'Unauthorized',
  forbidden: 'Forbidden',
  not_found: 'Not Found',
  method_not_allowed: 'Method Not Allowed',
  not_acceptable: 'Not Acceptable',
  conflict: 'Conflict',
  too_large: 'Payload Too Large',
  unsupported_media_type: 'Unsupported Media Type',
  too_many_requests: 'Too Many Requests',
  internal: 'Internal Server Error',
  not_implemented: 'Not Implemented',
  unavailable: 'Service Unavailable',
} as const satisfies Record<HttpErrorCode, string>;

export class HttpError extends Error {
  readonly code: HttpErrorCode;
  readonly status: number;
  readonly headers: Record<string, string>;

  constructor(
    code: HttpErrorCode,
    message: string,
    options: { cause?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HttpError';
    this.code = code;
    this.status = HTTP_STATUS[code];
    this.headers = options.headers ?? {};
  }
}

/**
 * TAXII 2.1 §3.6.1 Error Message: "title (required) ... description, error_id, error_code,
 * http_status (string), external_details, details".
 */
export function taxiiErrorBody(error: HttpError): Record<string, string> {
  return {
    title: TITLES[error.code],
    description: error.message,
    error_code: error.code,
    http_status: String(error.status),
  };
}

export function apiErrorBody(error: HttpError): { error: { code: string; message: string } } {
  return { error: { code: error.code, message: error.message } };
}
