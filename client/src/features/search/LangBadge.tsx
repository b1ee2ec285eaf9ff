import { useTranslation } from 'react-i18next';
import type { ContentLang } from '@shared/constants';

/** The language a thread or post is written in, as a small badge. */
export function LangBadge({ lang }: { lang: ContentLang }) {
  const { t } = useTranslation('search');
  return (
    <span className="badge badge--lang" title={t('lang.badgeTitle')}>
      {t(`lang.${lang}`)}
    </span>
  );
}
