import type { ErrorCode } from '@shared/errors';
import type { FieldIssue } from '@shared/validation';

export type { FieldIssue };

interface AppErrorOptions {
  params?: Record<string, string | number>;
  fields?: Record<string, FieldIssue>;
  retryAfterSeconds?: number;
}

/**
 * The only error services throw: a status, a stable code and safe parameters. The error middleware
 * translates it into the request's language.
 */
export class AppError extends Error {
  override name = 'AppError';
  readonly params: Record<string, string | number>;
  readonly fields: Record<string, FieldIssue> | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    options: AppErrorOptions = {},
  ) {
    super(code);
    this.params = options.params ?? {};
    this.fields = options.fields;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** 400 with per-field problems. */
export function validationError(fields: Record<string, FieldIssue>): AppError {
  return new AppError(400, 'validation_failed', { fields });
}

/** 404 — also what a member gets for something that exists but is not theirs to see. */
export function notFound(): AppError {
  return new AppError(404, 'not_found');
}

/** 401 — the route needs a signed-in member. */
export function unauthenticated(): AppError {
  return new AppError(401, 'unauthenticated');
}

/** 403 — signed in, but not allowed. */
export function forbidden(): AppError {
  return new AppError(403, 'forbidden');
}
