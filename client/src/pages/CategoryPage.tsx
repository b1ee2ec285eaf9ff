import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PATHS } from '@shared/routes';
import { isLocale } from '@shared/constants';
import { queryOptionsOf } from '@client/api/contractQuery';
import { categoryQuery } from '@client/api/publicQueries';
import { ApiError } from '@client/api/errors';
import { usePageTitle } from '@client/components/usePageTitle';
import { useSession } from '@client/features/session/useSession';
import { ThreadList } from '@client/features/forum/ThreadList';
import { NotFoundPage } from './NotFoundPage';

/** A category: its description and its threads. */
export function CategoryPage() {
  const { slug = '' } = useParams();
  const { t, i18n } = useTranslation('forum');
  const session = useSession();
  const category = useQuery(
    queryOptionsOf(categoryQuery(slug, isLocale(i18n.language) ? i18n.language : 'es')),
  );
  usePageTitle(category.data?.category.name ?? t('category.title'));
  if (category.isError && category.error instanceof ApiError && category.error.status === 404)
    return <NotFoundPage />;
  return (
    <>
      <div className="page-intro" lang={category.data?.category.lang}>
        <h1>{category.data?.category.name ?? t('common:status.loading')}</h1>
        <p className="lead">{category.data?.category.description}</p>
        {session.user && (
          <Link className="button" to={`${PATHS.newThread}?category=${encodeURIComponent(slug)}`}>
            {t('category.newThread')}
          </Link>
        )}
      </div>
      <h2 id="category-threads" className="visually-hidden">
        {t('category.threads')}
      </h2>
      <ThreadList slug={slug} headingId="category-threads" />
    </>
  );
}
