import { ERROR_CODES, type ErrorCode, type ErrorEnvelope, type FieldError } from '@shared/errors';

/** What went wrong: an API error code, or `network` when the server could not be reached. */
export type ApiErrorCode = ErrorCode | 'network';

/** The error body behind an `ApiError`: the server's envelope, or the client's own `network` error. */
export type ApiErrorBody = Omit<ErrorEnvelope['error'], 'code'> & { code: ApiErrorCode };

/** A failed API request, carrying the server's localized error envelope. */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly code: ApiErrorCode;
  readonly fields: Record<string, FieldError>;
  readonly requestId: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    readonly status: number,
    body: ApiErrorBody,
  ) {
    super(body.message);
    this.code = body.code;
    this.fields = body.fields ?? {};
    this.requestId = body.requestId;
    this.retryAfterSeconds = body.retryAfterSeconds;
  }

  /** Whether the server named problems with individual fields. */
  get hasFieldErrors(): boolean {
    return Object.keys(this.fields).length > 0;
  }
}

/** Whether a response body is the API's error envelope. */
export function isErrorEnvelope(body: unknown): body is ErrorEnvelope {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const { error } = body;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    'message' in error &&
    (ERROR_CODES as readonly unknown[]).includes(error.code) &&
    typeof error.message === 'string'
  );
}
