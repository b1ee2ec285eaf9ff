import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useHydrated } from './useHydrated';

/** A date as the server can write it for anyone: ISO day, and the time in UTC when the format has one. */
function universal(iso: string, options: Intl.DateTimeFormatOptions): string {
  const [day = iso, time = ''] = iso.split('T');
  return options.timeStyle ? `${day} ${time.slice(0, 5)} UTC` : day;
}

/**
 * Formats dates in the interface language and the reader's time zone. The server does not know the
 * reader's zone, so the server's HTML (and the hydration of it) says the UTC date, which the browser
 * replaces with the local one right after hydrating.
 */
export function useDateFormat(options: Intl.DateTimeFormatOptions): (iso: string) => string {
  const { i18n } = useTranslation();
  const hydrated = useHydrated();
  const key = JSON.stringify(options);
  // Made only where it is used: in the browser, once hydrated (a formatter costs more than a page's text).
  const format = useMemo(
    () =>
      hydrated ? new Intl.DateTimeFormat(i18n.language, JSON.parse(key) as Intl.DateTimeFormatOptions) : null,
    [hydrated, i18n.language, key],
  );
  return (iso) => (format ? format.format(new Date(iso)) : universal(iso, options));
}
