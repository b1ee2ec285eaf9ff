import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { MemberCard as MemberCardData } from '@shared/api/directory';
import { memberPath } from '@shared/routes';
import { Avatar } from './Avatar';
import { countryName } from './labels';

/** One member in the directory: name, role, organization, place, themes and badges. */
export function MemberCard({ member }: { member: MemberCardData }) {
  const { t, i18n } = useTranslation('directory');
  const place = [member.city, member.country ? countryName(i18n.language, member.country) : null]
    .filter(Boolean)
    .join(', ');
  return (
    <article className="member-card">
      <Avatar name={member.displayName} handle={member.handle} url={member.avatarUrl} size="small" />
      <div className="member-card__body">
        <h3 className="member-card__name">
          <Link to={memberPath(member.handle)}>{member.displayName}</Link>
        </h3>
        {member.verified && (
          <p className="badge badge--verified">
            <span aria-hidden="true">✓ </span>
            <span className="visually-hidden">{t('profile.verified')}: </span>
            {member.verified.roleText}
          </p>
        )}
        {member.headline && <p className="member-card__headline">{member.headline}</p>}
        {member.organization && <p className="member-card__meta">{member.organization}</p>}
        {(place || member.sector) && (
          <p className="member-card__meta">
            {[place, member.sector ? t(`sector.${member.sector}`) : null].filter(Boolean).join(' · ')}
          </p>
        )}
        {member.themes.length > 0 && (
          <ul className="chips" aria-label={t('profile.expertise')}>
            {member.themes.map((theme) => (
              <li key={theme} className="chip">
                {t(`theme.${theme}`)}
              </li>
            ))}
          </ul>
        )}
        {member.openToExchange && <p className="badge badge--exchange">{t('profile.openToExchange')}</p>}
      </div>
    </article>
  );
}
