import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isGlobalModerator } from '@shared/forum-policy';
import { PATHS } from '@shared/routes';
import { useSession } from '@client/features/session/useSession';
import { actorOf } from '@client/features/session/actorOf';

/** Who sees a tab: every moderator, moderators of every category (and admins), or admins. */
type Audience = 'staff' | 'global' | 'admin';

/** The dashboard's tabs. Pending members, watched words and roles are pages of their own features. */
const TABS: { key: string; to: string; end: boolean; audience: Audience }[] = [
  { key: 'queue', to: PATHS.moderation, end: true, audience: 'staff' },
  { key: 'members', to: PATHS.moderationMembers, end: false, audience: 'global' },
  { key: 'appeals', to: PATHS.moderationAppeals, end: false, audience: 'staff' },
  { key: 'audit', to: PATHS.moderationAudit, end: false, audience: 'staff' },
  { key: 'words', to: PATHS.moderationWords, end: false, audience: 'global' },
  { key: 'roles', to: PATHS.adminRoles, end: false, audience: 'admin' },
];

/** The moderation dashboard's tab navigation, showing only the tabs the member may use. */
export function ModerationNav() {
  const { t } = useTranslation('moderation');
  const { user } = useSession();
  const actor = actorOf(user);
  const shown = TABS.filter(
    (tab) =>
      tab.audience === 'staff' ||
      (tab.audience === 'global' && isGlobalModerator(actor)) ||
      (tab.audience === 'admin' && user?.role === 'admin'),
  );
  return (
    <nav className="tabs" aria-label={t('nav.label')}>
      <ul>
        {shown.map((tab) => (
          <li key={tab.key}>
            <NavLink to={tab.to} end={tab.end}>
              {t(`nav.${tab.key}`)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
