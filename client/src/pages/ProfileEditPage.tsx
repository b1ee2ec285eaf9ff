import { Navigate, useLocation } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PATHS } from '@shared/routes';
import { getOwnProfile } from '@client/api/directory';
import { usePageTitle } from '@client/components/usePageTitle';
import { useSession } from '@client/features/session/useSession';
import { ProfileEditForm } from '@client/features/directory/ProfileEditForm';
import { queryKeys } from '@client/api/queryKeys';

/** Editing one's own profile; visitors are sent to sign in. */
export function ProfileEditPage() {
  const { t } = useTranslation('directory');
  usePageTitle(t('edit.title'));
  const session = useSession();
  const location = useLocation();
  const query = useQuery({
    queryKey: queryKeys.directory.ownProfile,
    queryFn: getOwnProfile,
    enabled: Boolean(session.user),
  });
  if (!session.user) return <Navigate to={PATHS.signIn} replace state={{ from: location.pathname }} />;
  if (query.isError) return <p className="error-state">{t('common:status.unexpected')}</p>;
  if (!query.data) return <p className="loading">{t('common:status.loading')}</p>;
  return <ProfileEditForm key={session.user.id} initial={query.data.profile} />;
}
