import { LOCALES } from './constants';

/**
 * What the browser's and the server renderer's i18next instances share: the same languages, the
 * default namespace, and no fallback language (every language has every key; a test checks).
 */
export const I18N_OPTIONS = {
  supportedLngs: [...LOCALES],
  fallbackLng: false,
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
} as const;
