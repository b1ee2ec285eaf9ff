import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PATHS } from '@shared/routes';
import { usePageTitle } from '@client/components/usePageTitle';
import { useSession } from '@client/features/session/useSession';
import { ThreadList } from '@client/features/forum/ThreadList';

/** The latest threads across every category the reader may read. */
export function LatestPage() {
  const { t } = useTranslation('forum');
  const session = useSession();
  usePageTitle(t('latest.title'));
  return (
    <>
      <div className="page-intro">
        <h1 id="latest-heading">{t('latest.title')}</h1>
        {session.user && (
          <Link className="button" to={PATHS.newThread}>
            {t('category.newThread')}
          </Link>
        )}
      </div>
      <ThreadList headingId="latest-heading" />
    </>
  );
}
