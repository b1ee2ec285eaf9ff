import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { categoryPath } from '@shared/routes';
import type { Locale } from '@shared/constants';
import { useCategories } from './useCategories';

/** The forum's categories with their descriptions, or a loading, error or empty state. */
export function CategoryList({ locale }: { locale: Locale }) {
  const { t } = useTranslation('home');
  const categories = useCategories(locale);
  return (
    <section className="categories" aria-labelledby="categories-heading" aria-busy={categories.isPending}>
      <h2 id="categories-heading">{t('categories.heading')}</h2>
      {categories.isPending && <p className="loading">{t('common:status.loading')}</p>}
      {categories.isError && (
        <div className="error-state">
          <p role="alert">{categories.error.message}</p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void categories.refetch()}
            aria-disabled={categories.isFetching || undefined}
          >
            {categories.isFetching ? t('common:status.loading') : t('common:action.retry')}
          </button>
        </div>
      )}
      {categories.data?.items.length === 0 && <p className="empty-state">{t('categories.empty')}</p>}
      {categories.data && categories.data.items.length > 0 && (
        <ul className="category-list">
          {categories.data.items.map((category) => (
            <li key={category.id} className="category" lang={category.lang}>
              <h3 className="category__name">
                <Link to={categoryPath(category.slug)}>{category.name}</Link>
              </h3>
              <p className="category__description">{category.description}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
