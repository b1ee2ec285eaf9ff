import { useTranslation } from 'react-i18next';
import type { ThreadDto } from '@shared/api/threads';

/** A thread's state as badges: answered or closed, pinned, featured, locked, slow mode. */
export function ThreadBadges({ thread }: { thread: ThreadDto }) {
  const { t } = useTranslation('forum');
  return (
    <>
      {thread.closed ? (
        <span className="badge badge--answered">{t('curation.badge.closed')}</span>
      ) : (
        thread.acceptedPostId && <span className="badge badge--answered">{t('thread.answered')}</span>
      )}
      {thread.pinScope && (
        <span className="badge badge--pinned">
          {thread.pinScope === 'global' ? t('curation.badge.pinnedGlobal') : t('thread.pinned')}
        </span>
      )}
      {thread.featured && <span className="badge badge--featured">{t('curation.badge.featured')}</span>}
      {thread.locked && <span className="badge">{t('thread.locked')}</span>}
      {thread.slowModeMinutes > 0 && (
        <span className="badge">{t('curation.badge.slowMode', { count: thread.slowModeMinutes })}</span>
      )}
    </>
  );
}
