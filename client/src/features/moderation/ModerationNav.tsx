import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PATHS } from '@shared/routes';

/** The dashboard's tabs. Pending members, watched words and roles are pages of their own features. */
const TABS = [
  { key: 'queue', to: PATHS.moderation, end: true },
  { key: 'members', to: '/moderation/members', end: false },
  { key: 'appeals', to: PATHS.moderationAppeals, end: false },
  { key: 'audit', to: PATHS.moderationAudit, end: false },
  { key: 'words', to: '/moderation/words', end: false },
  { key: 'roles', to: '/admin/roles', end: false },
] as const;

/** The moderation dashboard's tab navigation. */
export function ModerationNav() {
  const { t } = useTranslation('moderation');
  return (
    <nav className="tabs" aria-label={t('nav.label')}>
      <ul>
        {TABS.map((tab) => (
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
