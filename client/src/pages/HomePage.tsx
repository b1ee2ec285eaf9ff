import { useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '@client/components/usePageTitle';
import { useSession } from '@client/features/session/useSession';
import { CategoryList } from '@client/features/categories/CategoryList';
import { WelcomeNotice } from '@client/features/auth/WelcomeNotice';
import { FeaturedThreads } from '@client/features/forum/FeaturedThreads';

/** Notices other pages hand to the home page when they send the visitor there. */
export type HomeNotice = 'registered' | 'signedOut';

function noticeOf(state: unknown): HomeNotice | null {
  if (typeof state !== 'object' || state === null || !('notice' in state)) return null;
  return state.notice === 'registered' || state.notice === 'signedOut' ? state.notice : null;
}

/** The home page: a welcome, featured threads and the forum's categories. */
export function HomePage() {
  const { t } = useTranslation('home');
  const session = useSession();
  const location = useLocation();
  const notice = noticeOf(location.state);
  usePageTitle(t('title'));
  return (
    <>
      {notice === 'registered' && session.user && (
        <WelcomeNotice user={session.user} membership={session.membership} />
      )}
      {notice === 'signedOut' && !session.user && (
        <div className="notice" role="status">
          <p>{t('signedOut')}</p>
        </div>
      )}
      <div className="page-intro">
        <h1>{t('heading')}</h1>
        <p className="lead">{t('intro')}</p>
      </div>
      <FeaturedThreads />
      <CategoryList locale={session.locale} />
    </>
  );
}
