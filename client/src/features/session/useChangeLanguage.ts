import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Locale } from '@shared/constants';
import { setSessionLocale } from '@client/api/endpoints';
import { refreshSession } from '@client/api/session';

/** Saves the chosen language on the server (cookie, and the member's preference), then shows it. */
export function useChangeLanguage() {
  const { i18n } = useTranslation();
  return useMutation({
    mutationFn: async (locale: Locale) => {
      await setSessionLocale(locale);
      await i18n.changeLanguage(locale);
      await refreshSession();
    },
  });
}
