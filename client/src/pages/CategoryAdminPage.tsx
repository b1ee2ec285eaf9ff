import { useState } from 'react';
import { Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { AdminCategoryDto } from '@shared/api/categories';
import { PATHS } from '@shared/routes';
import { createCategory, listAdminCategories, updateCategory } from '@client/api/forum';
import { ApiError } from '@client/api/errors';
import { FormAlert } from '@client/components/FormAlert';
import { usePageTitle } from '@client/components/usePageTitle';
import { useSession } from '@client/features/session/useSession';
import { CategoryForm, type CategoryFormValues } from '@client/features/categories/CategoryForm';
import { queryKeys } from '@client/api/queryKeys';

// Positions are spaced so that a later insertion between two categories needs no renumbering.
const STEP = 10;

/** Administration of the forum's categories: list, create, edit in four languages, reorder, archive. */
export function CategoryAdminPage() {
  const { t } = useTranslation('admin');
  const session = useSession();
  const queryClient = useQueryClient();
  const isAdmin = session.user?.role === 'admin';
  const query = useQuery({
    queryKey: queryKeys.categories.adminList(session.locale),
    queryFn: listAdminCategories,
    enabled: isAdmin,
  });
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  usePageTitle(t('categories.title'));
  if (!session.user) return <Navigate to={PATHS.signIn} replace />;
  if (!isAdmin) {
    return (
      <div className="page-intro">
        <h1>{t('categories.title')}</h1>
        <p className="lead">{t('categories.forbidden')}</p>
      </div>
    );
  }

  const items = query.data?.items ?? [];
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: queryKeys.categories.adminLists });
    await queryClient.invalidateQueries({ queryKey: queryKeys.categories.lists });
  };
  const act = async (work: () => Promise<string>) => {
    setError(null);
    try {
      const message = await work();
      await refresh();
      setStatus(message);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common:status.unexpected'));
    }
  };

  const move = (index: number, by: -1 | 1) =>
    act(async () => {
      const order = [...items];
      const [moved] = order.splice(index, 1);
      if (!moved) return '';
      order.splice(index + by, 0, moved);
      for (const [i, category] of order.entries()) {
        if (category.position !== (i + 1) * STEP)
          await updateCategory(category.id, { position: (i + 1) * STEP });
      }
      return t('categories.moved', { name: moved.name, position: index + by + 1 });
    });

  const create = async (values: CategoryFormValues) => {
    const res = await createCategory({
      ...values,
      position: (items.reduce((max, c) => Math.max(max, c.position), 0) || 0) + STEP,
    });
    await refresh();
    setFormKey((k) => k + 1);
    setStatus(t('categories.created', { name: res.category.name }));
  };

  const save = (category: AdminCategoryDto) => async (values: CategoryFormValues) => {
    const res = await updateCategory(category.id, {
      defaultLocale: values.defaultLocale,
      readAccess: values.readAccess,
      translations: values.translations,
    });
    await refresh();
    setEditing(null);
    setStatus(t('categories.saved', { name: res.category.name }));
  };

  return (
    <div className="admin-page">
      <h1>{t('categories.title')}</h1>
      <p className="lead">{t('categories.intro')}</p>
      <p role="status" className="admin-page__status">
        {status}
      </p>
      <FormAlert message={error} />
      <section aria-labelledby="admin-categories-list">
        <h2 id="admin-categories-list">{t('categories.listHeading')}</h2>
        {query.isError && (
          <p role="alert" className="error-state">
            {/* Staff without a second factor are told so (the message says where to enrol). */}
            {query.error instanceof ApiError ? query.error.message : t('common:status.unexpected')}
          </p>
        )}
        {query.isPending && <p className="loading">{t('categories.loading')}</p>}
        {query.isSuccess && items.length === 0 && <p>{t('categories.empty')}</p>}
        <ol className="admin-categories">
          {items.map((category, index) => (
            <li key={category.id} className="admin-category">
              <div className="admin-category__summary">
                <span className="admin-category__name">{category.name}</span>{' '}
                <code className="admin-category__slug">{category.slug}</code>{' '}
                {category.archived && <span className="badge">{t('categories.archivedBadge')}</span>}
                <p className="admin-category__description">{category.description}</p>
              </div>
              <div className="admin-category__actions" role="group" aria-label={category.name}>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  disabled={index === 0}
                  onClick={() => void move(index, -1)}
                >
                  {t('categories.moveUp')}
                </button>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  disabled={index === items.length - 1}
                  onClick={() => void move(index, 1)}
                >
                  {t('categories.moveDown')}
                </button>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  aria-expanded={editing === category.id}
                  onClick={() => setEditing(editing === category.id ? null : category.id)}
                >
                  {t('categories.edit')}
                </button>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() =>
                    void act(async () => {
                      await updateCategory(category.id, { archived: !category.archived });
                      return t(category.archived ? 'categories.restored' : 'categories.archived', {
                        name: category.name,
                      });
                    })
                  }
                >
                  {category.archived ? t('categories.restore') : t('categories.archive')}
                </button>
              </div>
              {editing === category.id && (
                <section
                  className="admin-category__edit"
                  aria-label={t('categories.editing', { name: category.name })}
                >
                  <CategoryForm
                    idPrefix={`edit-${category.id}`}
                    initial={category}
                    submitLabel={t('categories.save')}
                    onSubmit={save(category)}
                    onCancel={() => setEditing(null)}
                  />
                </section>
              )}
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="admin-categories-new">
        <h2 id="admin-categories-new">{t('categories.newHeading')}</h2>
        <CategoryForm key={formKey} idPrefix="new" submitLabel={t('categories.create')} onSubmit={create} />
      </section>
    </div>
  );
}
