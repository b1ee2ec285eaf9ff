import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PATHS } from '@shared/routes';
import { getCategory } from '@client/api/forum';
import { ApiError } from '@client/api/errors';
import { usePageTitle } from '@client/components/usePageTitle';
import { useSession } from '@client/features/session/useSession';
import { ThreadList } from '@client/features/forum/ThreadList';
import { queryKeys } from '@client/api/queryKeys';
import { NotFoundPage } from './NotFoundPage';

/** A category: its description and its threads. */
export function CategoryPage() {
  const { slug = '' } = useParams();
  const { t, i18n } = useTranslation('forum');
  const session = useSession();
  const category = useQuery({
    queryKey: queryKeys.categories.detail(slug, i18n.language),
    queryFn: () => getCategory(slug),
  });
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
