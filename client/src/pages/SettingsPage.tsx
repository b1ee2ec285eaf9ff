import { Link, Navigate, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PATHS } from '@shared/routes';
import { useSession } from '@client/features/session/useSession';
import { AccountSettingsForm } from '@client/features/account/AccountSettingsForm';

/** The member's settings; visitors are sent to sign in and brought back here. */
export function SettingsPage() {
  const { t } = useTranslation('security');
  const session = useSession();
  const location = useLocation();
  if (!session.user) return <Navigate to={PATHS.signIn} replace state={{ from: location.pathname }} />;
  return (
    <>
      <AccountSettingsForm key={session.user.id} user={session.user} />
      {session.user.identityVerified && (
        <p className="form-page__aside">
          <span className="badge badge--verified">
            <span aria-hidden="true">✓ </span>
            {t('identities.verified')}
          </span>
        </p>
      )}
      <p className="form-page__aside">
        <Link to={PATHS.security}>{t('link')}</Link>
      </p>
    </>
  );
}
