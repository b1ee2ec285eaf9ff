import { useTranslation } from 'react-i18next';
import { usePageTitle } from '@client/components/usePageTitle';
import { StaffOnly } from '@client/features/moderation/StaffOnly';
import { QueueList } from '@client/features/moderation/QueueList';

/** Appeals waiting for a decision: the queue's items of kind `appeal`. */
export function ModerationAppealsPage() {
  const { t } = useTranslation('moderation');
  usePageTitle(t('appeals.title'));
  return (
    <StaffOnly title={t('appeals.title')}>
      <QueueList fixedKind="appeal" />
    </StaffOnly>
  );
}
