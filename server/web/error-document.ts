import type { TFunction } from 'i18next';
import type { Locale } from '@shared/constants';

/**
 * The page shown when a page cannot be rendered (the database is away: 503; anything else: 500): plain
 * HTML with its own few styles, which loads nothing else and tells the reader what to do.
 */
export function errorDocument(locale: Locale, t: TFunction, status: 500 | 503): string {
  const key = status === 503 ? 'unavailable' : 'pageError';
  const title = t(`${key}.title`);
  return `<!doctype html>
<html lang="${locale}">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="robots" content="noindex">
    <title>${escape(title)} · ${escape(t('brand.name'))}</title>
    <style>
      body { font: 1.0625rem/1.6 system-ui, sans-serif; color: #1d2433; margin: 0; padding: 3rem 1.25rem; }
      main { max-width: 36rem; margin: 0 auto; }
      h1 { font-size: 1.5rem; margin: 0 0 1rem; }
      a { color: #1d4ed8; }
    </style>
  </head>
  <body>
    <main>
      <p><strong>${escape(t('brand.name'))}</strong></p>
      <h1>${escape(title)}</h1>
      <p>${escape(t(`${key}.text`))}</p>
      <p><a href="">${escape(t(`${key}.retry`))}</a></p>
    </main>
  </body>
</html>
`;
}

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
