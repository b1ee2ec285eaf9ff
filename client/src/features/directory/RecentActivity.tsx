import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { RecentContribution } from '@shared/api/directory';
import { threadPath } from '@shared/routes';
import { useDateFormat } from '@client/components/useDateFormat';

/** A profile's "Recent threads and posts": links to each thread, or to the reply within it. */
export function RecentActivity({ items }: { items: RecentContribution[] }) {
  const { t } = useTranslation('directory');
  const date = useDateFormat({ dateStyle: 'medium' });
  return (
    <section aria-labelledby="profile-recent">
      <h2 id="profile-recent">{t('profile.recent')}</h2>
      {items.length === 0 ? (
        <p>{t('profile.recentNone')}</p>
      ) : (
        <ul className="recent-list">
          {items.map((item) => (
            <li key={item.postId}>
              <span className="recent-list__kind">
                {t(item.kind === 'thread' ? 'profile.startedThread' : 'profile.repliedIn')}
              </span>{' '}
              <Link
                to={
                  item.kind === 'thread'
                    ? threadPath(item.threadId)
                    : `${threadPath(item.threadId)}#post-${item.postId}`
                }
              >
                {item.threadTitle}
              </Link>{' '}
              <time dateTime={item.createdAt}>{date(item.createdAt)}</time>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
