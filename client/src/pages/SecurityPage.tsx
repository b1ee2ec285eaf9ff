import { Navigate, useLocation, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PATHS } from '@shared/routes';
import { FormAlert } from '@client/components/FormAlert';
import { usePageTitle } from '@client/components/usePageTitle';
import { useSession } from '@client/features/session/useSession';
import { IdentitiesSection } from '@client/features/security/IdentitiesSection';
import { PasswordSection } from '@client/features/security/PasswordSection';
import { SessionsSection } from '@client/features/security/SessionsSection';
import { TwoFactorSection } from '@client/features/security/TwoFactorSection';

/** Security settings: second factor, password, providers and sessions. */
export function SecurityPage() {
  const { t } = useTranslation('security');
  usePageTitle(t('title'));
  const session = useSession();
  const location = useLocation();
  const [params] = useSearchParams();
  if (!session.user) return <Navigate to={PATHS.signIn} replace state={{ from: location.pathname }} />;
  const error = params.get('error');
  return (
    <div className="form-page">
      <h1>{t('title')}</h1>
      <FormAlert
        message={error ? t(`errors:${error}`, { defaultValue: t('errors:oidc_callback_invalid') }) : null}
      />
      <div role="status">
        {params.get('linked')
          ? t('identities.linkedNow')
          : params.get('reauth')
            ? t('reauth.providerDone')
            : ''}
      </div>
      <TwoFactorSection />
      <PasswordSection />
      <IdentitiesSection />
      <SessionsSection />
    </div>
  );
}
