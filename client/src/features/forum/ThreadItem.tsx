import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ThreadDto } from '@shared/api/threads';
import { threadPath } from '@shared/routes';
import { HiddenLabel } from '@client/features/safeguards/HiddenLabel';
import { ThreadBadges } from './ThreadBadges';
import { useDateFormat } from '@client/components/useDateFormat';

/**
 * One thread in a list: title, kind and state badges, replies, unread posts, last activity and tags.
 * In the Featured section the "featured" badge would say what the heading already says, so it is left out.
 */
export function ThreadItem({ thread, inFeatured = false }: { thread: ThreadDto; inFeatured?: boolean }) {
  const { t } = useTranslation('forum');
  const date = useDateFormat({ dateStyle: 'medium', timeStyle: 'short' });
  return (
    <li className="thread-item" lang={thread.lang}>
      <h3 className="thread-item__title">
        <Link to={threadPath(thread.id)}>{thread.title}</Link>
      </h3>
      <p className="thread-item__meta">
        <span className={`badge badge--${thread.kind}`}>{t(`kind.${thread.kind}`)}</span>
        <ThreadBadges thread={inFeatured ? { ...thread, featured: false } : thread} />
        {(thread.hidden || thread.deleted) && (
          <HiddenLabel reason={thread.deleted ? 'deleted' : (thread.hidden ?? 'pending_review')} />
        )}
        <span>{t('list.replies', { count: thread.replyCount })}</span>
        {thread.unreadCount > 0 && (
          <span className="badge badge--unread">{t('list.unread', { count: thread.unreadCount })}</span>
        )}
        <span>{t('list.lastActivity', { date: date(thread.lastPostAt) })}</span>
      </p>
      {thread.tags.length > 0 && (
        <ul className="tags" aria-label={t('thread.tags')}>
          {thread.tags.map((tag) => (
            <li key={tag}>{tag}</li>
          ))}
        </ul>
      )}
    </li>
  );
}
