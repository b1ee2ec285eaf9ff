import { useTranslation } from 'react-i18next';
import { usePageTitle } from '@client/components/usePageTitle';
import { StaffOnly } from '@client/features/moderation/StaffOnly';
import { QueueList } from '@client/features/moderation/QueueList';

/** The moderation dashboard's first tab: the review queue. */
export function ModerationQueuePage() {
  const { t } = useTranslation('moderation');
  usePageTitle(t('queue.title'));
  return (
    <StaffOnly title={t('queue.title')}>
      <QueueList />
    </StaffOnly>
  );
}
