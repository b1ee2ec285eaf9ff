import type { NextFunction, Request, Response } from 'express';
import type { ErrorEnvelope, FieldError } from '@shared/errors';
import type { Locale } from '@shared/constants';
import { isDatabaseUnavailable } from '@server/db/errors';
import { AppError, notFound } from '@server/errors';
import type { Translator } from '@server/i18n/i18n';
import type { Logger } from '@server/logger';

/** Turns an AppError into the localized JSON envelope of DESIGN.md. */
export function toEnvelope(error: AppError, locale: Locale, translator: Translator, requestId?: string) {
  const envelope: ErrorEnvelope = {
    error: {
      code: error.code,
      message: translator.t(locale, `errors:${error.code}`, { ...error.params, requestId }),
    },
  };
  if (error.fields) {
    const fields: Record<string, FieldError> = {};
    for (const [name, issue] of Object.entries(error.fields)) {
      fields[name] = {
        code: issue.code,
        message: translator.t(locale, `errors:field.${issue.code}`, issue.params),
      };
    }
    envelope.error.fields = fields;
  }
  if (error.retryAfterSeconds !== undefined) envelope.error.retryAfterSeconds = error.retryAfterSeconds;
  if (requestId && error.status >= 500) envelope.error.requestId = requestId;
  return envelope;
}

const malformed = (status: number) =>
  new AppError(status, 'validation_failed', { fields: { _: { code: 'invalid_type' } } });

/** The client-error status a framework error carries (`http-errors` style), if it is one. */
function clientStatus(error: object): number | undefined {
  const status = 'status' in error ? error.status : 'statusCode' in error ? error.statusCode : undefined;
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status < 500
    ? status
    : undefined;
}

/**
 * Errors raised before our code runs (body parsing, decompression, URL decoding, static files), mapped
 * onto our codes. Every client error the framework reports stays a 4xx; only its own faults are 500s.
 */
function fromFrameworkError(error: unknown): AppError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  switch ('type' in error ? error.type : undefined) {
    case 'entity.too.large':
      return new AppError(413, 'payload_too_large');
    case 'entity.parse.failed':
      return malformed(400);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return malformed(415);
  }
  const status = clientStatus(error);
  switch (status) {
    case undefined:
      return undefined;
    case 401:
      return new AppError(401, 'unauthenticated');
    case 403:
      return new AppError(403, 'forbidden');
    case 404:
      return notFound();
    case 413:
      return new AppError(413, 'payload_too_large');
    default:
      // A body that is not what its Content-Encoding says, a truncated body, a malformed URL escape…
      return malformed(status);
  }
}

/** What is worth logging about a client's malformed request: no stack, which only shows our framework. */
function errorSummary(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const { type, code } = error as Error & { type?: unknown; code?: unknown };
  return { message: error.message, type, code };
}

/** How long a client is asked to wait before trying again while the database is away (`Retry-After`). */
export const DATABASE_AWAY_RETRY_SECONDS = 5;

/** 404 for API paths no route answered. */
export function apiNotFound(_req: Request, _res: Response, next: NextFunction) {
  next(notFound());
}

/**
 * The one error middleware. Known errors keep their status and code; the database being away (a
 * refused or cut connection, a server shutting down or starting up) is a 503 `service_unavailable` with
 * `Retry-After`, which a client may retry (a message with the same `clientId`); anything else is a 500
 * with a generic localized message and the request id, the stack going only to the log. Client errors are
 * logged at warn at most (only the framework's, the others being ordinary answers), like the database
 * being away (the operator hears of it once from /readyz and the pool); other 5xx at error.
 */
export function errorHandler(translator: Translator, logger: Logger, defaultLocale: Locale) {
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.writableEnded) {
      // Reported after the answer went out: the session store failing to touch or save the session on
      // the way out (express-session ends the response, then passes the error on). The answer is whole;
      // passing it on would have Express destroy the connection, and with it the next request a client
      // sends on it (what a database crash did to every signed-in request in flight).
      logger.warn({ err: errorSummary(error), reqId: req.id }, 'error after the answer was sent');
      return;
    }
    if (res.headersSent) return next(error);
    const locale = req.locale ?? defaultLocale;
    let appError = error instanceof AppError ? error : fromFrameworkError(error);
    if (!appError && isDatabaseUnavailable(error)) {
      logger.warn({ err: errorSummary(error), reqId: req.id }, 'request failed: database unavailable');
      appError = new AppError(503, 'service_unavailable', { retryAfterSeconds: DATABASE_AWAY_RETRY_SECONDS });
    } else if (!appError) {
      logger.error({ err: error, reqId: req.id }, 'unhandled error');
      appError = new AppError(500, 'internal_error');
    } else if (appError.status >= 500) {
      logger.error({ err: error, reqId: req.id }, 'request failed');
    } else if (!(error instanceof AppError)) {
      // The client sent something malformed: worth a warning for operators, never an error.
      logger.warn({ err: errorSummary(error), reqId: req.id, status: appError.status }, 'malformed request');
    }
    if (appError.retryAfterSeconds !== undefined)
      res.setHeader('Retry-After', String(appError.retryAfterSeconds));
    res.status(appError.status).json(toEnvelope(appError, locale, translator, req.id));
  };
}
