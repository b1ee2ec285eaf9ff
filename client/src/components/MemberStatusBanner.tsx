import { useTranslation } from 'react-i18next';
import { useSession } from '@client/features/session/useSession';

/** Tells members whose account is pending approval or suspended what they can and cannot do. */
export function MemberStatusBanner() {
  const { t } = useTranslation();
  const { user } = useSession();
  if (!user || user.status === 'active') return null;
  return (
    <div className="banner" role="region" aria-label={t(`banner.${user.status}.title`)}>
      <p className="banner__inner">
        <strong>{t(`banner.${user.status}.title`)}</strong> {t(`banner.${user.status}.text`)}
      </p>
    </div>
  );
}
