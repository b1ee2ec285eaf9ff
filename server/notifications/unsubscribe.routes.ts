import express, { Router, type Request, type Response } from 'express';
import type { Translator } from '@server/i18n/i18n';
import type { UnsubscribeTokens } from '@server/mail';
import type { NotificationService } from './notification.service';

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * One-click unsubscribe from a kind of e-mail, without signing in (`/mail/unsubscribe/:token`). GET
 * shows a confirmation form (link scanners must not unsubscribe anyone); POST — from that form or
 * from the mail client per RFC 8058 — does it. The signed token names one member and one kind.
 */
export function unsubscribeRoutes(deps: {
  tokens: UnsubscribeTokens;
  notifications: NotificationService;
  translator: Translator;
}): Router {
  const router = Router();
  router.use(express.urlencoded({ extended: false, limit: '1kb' }));

  const page = (req: Request, res: Response, status: number, body: string) => {
    const t = (key: string, params?: Record<string, unknown>) => deps.translator.t(req.locale, key, params);
    res.setHeader('Content-Language', req.locale);
    res
      .status(status)
      .type('html')
      .setHeader('Cache-Control', 'no-store')
      .send(
        `<!doctype html><html lang="${req.locale === 'pt' ? 'pt-BR' : req.locale}"><head><meta charset="utf-8">` +
          `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(
            t('mail:unsubscribePage.title'),
          )} · Ágora</title></head><body><main><h1>${escapeHtml(t('mail:unsubscribePage.title'))}</h1>${body}</main></body></html>`,
      );
  };

  // The page speaks the language of the member the link belongs to.
  router.use('/mail/unsubscribe/:token', async (req, _res, next) => {
    const found = deps.tokens.verify(req.params.token ?? '');
    const locale = found ? await deps.notifications.localeOf(found.memberId) : undefined;
    if (locale) req.locale = locale;
    next();
  });

  router.get('/mail/unsubscribe/:token', (req, res) => {
    const t = (key: string, params?: Record<string, unknown>) => deps.translator.t(req.locale, key, params);
    const found = deps.tokens.verify(req.params.token);
    if (!found) return page(req, res, 404, `<p>${escapeHtml(t('mail:unsubscribePage.invalid'))}</p>`);
    const kind = t(`mail:kinds.${found.kind}`);
    const question =
      found.kind === 'digest'
        ? t('mail:unsubscribePage.digestQuestion')
        : t('mail:unsubscribePage.question', { kind });
    page(
      req,
      res,
      200,
      `<p>${escapeHtml(question)}</p>` +
        `<form method="post"><button type="submit">${escapeHtml(t('mail:unsubscribePage.button'))}</button></form>`,
    );
  });

  router.post('/mail/unsubscribe/:token', async (req, res) => {
    const t = (key: string, params?: Record<string, unknown>) => deps.translator.t(req.locale, key, params);
    const found = deps.tokens.verify(req.params.token);
    if (!found) return page(req, res, 404, `<p>${escapeHtml(t('mail:unsubscribePage.invalid'))}</p>`);
    await deps.notifications.unsubscribe(found.memberId, found.kind);
    const done =
      found.kind === 'digest'
        ? t('mail:unsubscribePage.digestDone')
        : t('mail:unsubscribePage.done', { kind: t(`mail:kinds.${found.kind}`) });
    page(req, res, 200, `<p role="status">${escapeHtml(done)}</p>`);
  });

  return router;
}
