import type { Ack } from '@shared/events';
import type { Locale } from '@shared/constants';
import { AppError } from '@server/errors';
import { toEnvelope } from '@server/http/errors';
import type { Translator } from '@server/i18n/i18n';
import type { Logger } from '@server/logger';

/**
 * Runs a socket request and answers through its ack: `{ ok: true, data }`, or the same localized error
 * envelope as HTTP. A client that sent no ack function (or a non-function) gets nothing, and the
 * handler still runs.
 */
export function answer<T>(
  work: () => Promise<T>,
  ack: unknown,
  ctx: { locale: Locale; translator: Translator; logger: Logger },
): void {
  const reply = typeof ack === 'function' ? (ack as (response: Ack<T>) => void) : () => {};
  work().then(
    (data) => reply(data === undefined ? { ok: true } : { ok: true, data }),
    (error: unknown) => {
      const appError = error instanceof AppError ? error : new AppError(500, 'internal_error');
      if (!(error instanceof AppError)) ctx.logger.error({ err: error }, 'socket handler failed');
      reply({ ok: false, ...toEnvelope(appError, ctx.locale, ctx.translator) });
    },
  );
}
