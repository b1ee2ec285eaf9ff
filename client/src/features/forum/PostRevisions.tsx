import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { listRevisions } from '@client/api/forum';
import { queryKeys } from '@client/api/queryKeys';
import { useDateFormat } from '@client/components/useDateFormat';

/** A post's edit history, fetched when opened: each earlier version with who replaced it and when. */
export function PostRevisions({ postId }: { postId: string }) {
  const { t } = useTranslation('forum');
  const [open, setOpen] = useState(false);
  const query = useQuery({
    queryKey: queryKeys.posts.revisions(postId),
    queryFn: () => listRevisions(postId),
    enabled: open,
  });
  const date = useDateFormat({ dateStyle: 'medium', timeStyle: 'short' });
  const regionId = `post-${postId}-revisions`;
  return (
    <div className="post__revisions">
      <button
        type="button"
        className="button button--small button--secondary"
        aria-expanded={open}
        aria-controls={open ? regionId : undefined}
        onClick={() => setOpen(!open)}
      >
        {open ? t('revisions.hide') : t('revisions.show')}
      </button>
      {open && (
        <section
          id={regionId}
          className="revisions"
          aria-label={t('revisions.title')}
          aria-busy={query.isPending}
        >
          {query.isPending && <p className="loading">{t('revisions.loading')}</p>}
          {query.isError && <p className="error-state">{t('common:status.unexpected')}</p>}
          {query.data && query.data.items.length === 0 && <p>{t('revisions.empty')}</p>}
          <ol className="revisions__list">
            {query.data?.items
              .slice()
              .reverse()
              .map((revision) => (
                <li key={revision.id} className="revision">
                  <p className="revision__meta">
                    {t('revisions.replaced', {
                      date: date(revision.createdAt),
                      name: revision.editor?.displayName ?? t('common:formerMember'),
                    })}
                  </p>
                  <div
                    className="post__body revision__body"
                    dangerouslySetInnerHTML={{ __html: revision.html }}
                  />
                </li>
              ))}
          </ol>
        </section>
      )}
    </div>
  );
}
