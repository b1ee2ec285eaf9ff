import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PATHS } from '@shared/routes';
import { useSession } from '@client/features/session/useSession';
import { ModerationNav } from './ModerationNav';

/** Staff pages: visitors go to sign in, members are told it is not for them; staff get the tabs. */
export function StaffOnly({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation('errors');
  const session = useSession();
  if (!session.user) return <Navigate to={PATHS.signIn} replace />;
  const staff = session.user.role === 'moderator' || session.user.role === 'admin';
  return (
    <div className="moderation">
      <h1>{title}</h1>
      {staff ? (
        <>
          <ModerationNav />
          {children}
        </>
      ) : (
        <p className="lead">{t('forbidden')}</p>
      )}
    </div>
  );
}
