import { useTranslation } from 'react-i18next';
import type { SessionResponse, SessionUser } from '@shared/api/session';

interface WelcomeNoticeProps {
  user: SessionUser;
  membership: SessionResponse['membership'];
}

/** Greets a member who has just registered; under approval membership, says the application awaits review. */
export function WelcomeNotice({ user, membership }: WelcomeNoticeProps) {
  const { t } = useTranslation('auth');
  const awaitingApproval = membership === 'approval' && user.status === 'pending';
  return (
    <div className="notice notice--success" role="status">
      <p className="notice__title">{t('welcome.title', { name: user.displayName })}</p>
      <p>{awaitingApproval ? t('welcome.pending') : t('welcome.active')}</p>
    </div>
  );
}
