import { useTranslation } from 'react-i18next';
import type { HiddenReason } from '@shared/api/safeguards';

/** The label authors and moderators see on a hidden post or thread. */
export function HiddenLabel({ reason }: { reason: HiddenReason | 'deleted' }) {
  const { t } = useTranslation('safeguards');
  return <strong className="badge badge--hidden">{t(`labels.${reason}`)}</strong>;
}
