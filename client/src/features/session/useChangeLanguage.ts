import { useMutation } from '@tanstack/react-query';
import { useLocation, useNavigate } from 'react-router';
import type { Locale } from '@shared/constants';
import { setSessionLocale } from '@client/api/endpoints';
import { refreshSession } from '@client/api/session';
import { changeLanguage } from '@client/i18n/i18n';
import { LANGUAGE_PARAM } from '@shared/routes';

/**
 * Saves the chosen language on the server (cookie, and the member's preference), then shows it. An
 * address that named a language (`?lang=`) no longer does, so reloading keeps the choice.
 */
export function useChangeLanguage() {
  const location = useLocation();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: async (locale: Locale) => {
      await setSessionLocale(locale);
      await changeLanguage(locale);
      await refreshSession();
      const search = new URLSearchParams(location.search);
      if (!search.has(LANGUAGE_PARAM)) return;
      search.delete(LANGUAGE_PARAM);
      const rest = search.toString();
      await navigate({ pathname: location.pathname, search: rest ? `?${rest}` : '' }, { replace: true });
    },
  });
}
