// One error type for every stage. The only question a consumer asks of a failure is
// "retry or dead-letter?", and the code answers it here, in one place.
export const ERROR_CODES = [
  'invalid_message', // the message does not match its contract
  'unreachable', // network error, DNS failure, connection refused
  'timeout',
  'blocked_address', // the SSRF guard refused the destination
  'too_large',
  'unsupported_type', // content type not on the allow-list
  'http_status', // the origin answered with an error status
  'no_text', // a document without a text layer (a scanned PDF) or without text at all
  'parse_failed',
  'extract_failed',
  'export_failed',
  'store_failed',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Whether a failure with this code may succeed if tried again. */
export const RETRYABLE = {
  invalid_message: false,
  unreachable: true,
  timeout: true,
  blocked_address: false,
  too_large: false,
  unsupported_type: false,
  http_status: false,
  no_text: false,
  parse_failed: false,
  extract_failed: false,
  export_failed: false,
  store_failed: true,
  internal: true,
} as const satisfies Record<ErrorCode, boolean>;

export class StageError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown>; retryable?: boolean } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StageError';
    this.code = code;
    this.retryable = options.retryable ?? RETRYABLE[code];
    this.details = options.details;
  }
}

/** Any thrown value as a StageError; unknown errors are `internal` and retryable. */
export function toStageError(error: unknown): StageError {
  if (error instanceof StageError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new StageError('internal', message, { cause: error });
}
