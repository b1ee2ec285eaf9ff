import type { NextFunction, Request, Response } from 'express';
import type { ErrorEnvelope, FieldError } from '@shared/errors';
import type { Locale } from '@shared/constants';
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

/** Errors raised by body parsing before our code runs, mapped onto our codes. */
function fromFrameworkError(error: unknown): AppError | undefined {
  if (typeof error !== 'object' || error === null || !('type' in error)) return undefined;
  switch (error.type) {
    case 'entity.too.large':
      return new AppError(413, 'payload_too_large');
    case 'entity.parse.failed':
      return new AppError(400, 'validation_failed', { fields: { _: { code: 'invalid_type' } } });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError(415, 'validation_failed', { fields: { _: { code: 'invalid_type' } } });
    default:
      return undefined;
  }
}

/** 404 for API paths no route answered. */
export function apiNotFound(_req: Request, _res: Response, next: NextFunction) {
  next(notFound());
}

/**
 * The one error middleware. Known errors keep their status and code; anything else is a 500 with a
 * generic localized message and the request id, the stack going only to the log.
 */
export function errorHandler(translator: Translator, logger: Logger, defaultLocale: Locale) {
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const locale = req.locale ?? defaultLocale;
    let appError = error instanceof AppError ? error : fromFrameworkError(error);
    if (!appError) {
      logger.error({ err: error, reqId: req.id }, 'unhandled error');
      appError = new AppError(500, 'internal_error');
    }
    if (appError.retryAfterSeconds !== undefined)
      res.setHeader('Retry-After', String(appError.retryAfterSeconds));
    res.status(appError.status).json(toEnvelope(appError, locale, translator, req.id));
  };
}
