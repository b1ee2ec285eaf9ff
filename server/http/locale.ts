import type { NextFunction, Request, Response } from 'express';
import { isLocale, type Locale } from '@shared/constants';
import { LANGUAGE_PARAM } from '@shared/routes';

/** Cookie holding the language chosen by a visitor who has not signed in. */
export const LOCALE_COOKIE = 'agora.lang';

/** Picks the best supported language from an `Accept-Language` header, by quality. */
export function negotiateAcceptLanguage(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...attributes] = part.trim().split(';');
      const q = attributes.map((a) => a.trim()).find((a) => a.startsWith('q='));
      return { base: tag.toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((entry) => entry.base && !Number.isNaN(entry.q) && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((entry) => entry.base).find(isLocale);
}

/** The query parameter that names the interface language in a page's address (`?lang=fr`). */
export const LOCALE_QUERY = LANGUAGE_PARAM;

/**
 * Sets `req.locale`: with `fromQuery`, a supported language named by `?lang=` first (an address in one
 * language reads in it for everyone); then the member's preference, the language cookie,
 * `Accept-Language`, and the configured default. An unsupported `?lang=` is ignored.
 */
export function localeMiddleware(defaultLocale: Locale, options: { fromQuery?: boolean } = {}) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const fromCookie = req.cookieValues[LOCALE_COOKIE];
    const fromQuery: unknown = options.fromQuery ? req.query[LOCALE_QUERY] : undefined;
    req.locale =
      (isLocale(fromQuery) ? fromQuery : undefined) ??
      req.user?.locale ??
      (isLocale(fromCookie) ? fromCookie : undefined) ??
      negotiateAcceptLanguage(req.get('accept-language')) ??
      defaultLocale;
    next();
  };
}
