import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PATHS, newMessagePath } from '@shared/routes';
import { queryOptionsOf } from '@client/api/contractQuery';
import { memberQuery } from '@client/api/publicQueries';
import { ApiError } from '@client/api/errors';
import { usePageTitle } from '@client/components/usePageTitle';
import { Avatar } from '@client/features/directory/Avatar';
import { MemberCard } from '@client/features/directory/MemberCard';
import { RecentActivity } from '@client/features/directory/RecentActivity';
import { FlagButton } from '@client/features/moderation/FlagButton';
import { useSession } from '@client/features/session/useSession';
import { countryName, languageName } from '@client/features/directory/labels';

/** A member's profile: the fields the viewer may see, badge, "Message", recent posts and similar peers. */
export function MemberProfilePage() {
  const { t, i18n } = useTranslation('directory');
  const handle = useParams().handle ?? '';
  const session = useSession();
  const query = useQuery({ ...queryOptionsOf(memberQuery(handle)), retry: false });
  const profile = query.data?.profile;
  usePageTitle(profile?.displayName ?? t('page.title'));

  if (query.isPending) return <p className="loading">{t('common:status.loading')}</p>;
  if (!profile) {
    const missing = query.error instanceof ApiError && query.error.status === 404;
    return (
      <div className="error-state">
        <h1>{missing ? t('common:notFound.title') : t('common:status.unexpected')}</h1>
        {missing && <p>{t('profile.notFound')}</p>}
      </div>
    );
  }
  const locale = i18n.language;
  const place = [profile.city, profile.country ? countryName(locale, profile.country) : null]
    .filter(Boolean)
    .join(', ');
  const work = [
    profile.organization,
    profile.sector ? t(`sector.${profile.sector}`) : null,
    profile.governmentLevel ? t(`level.${profile.governmentLevel}`) : null,
  ].filter(Boolean);

  return (
    <article className="profile">
      <header className="profile__header">
        <Avatar name={profile.displayName} handle={profile.handle} url={profile.avatarUrl} size="large" />
        <div>
          <h1>{profile.displayName}</h1>
          <p className="profile__handle">@{profile.handle}</p>
          {profile.verified && (
            <p className="badge badge--verified">
              <span aria-hidden="true">✓ </span>
              {t('profile.verified')}: {profile.verified.roleText}
            </p>
          )}
          {profile.identityVerified && (
            <p className="badge badge--verified">
              <span aria-hidden="true">✓ </span>
              {t('profile.identityVerified')}
            </p>
          )}
          {profile.headline && <p className="profile__headline">{profile.headline}</p>}
          {work.length > 0 && <p className="profile__meta">{work.join(' · ')}</p>}
          {place && <p className="profile__meta">{place}</p>}
          <p className="profile__meta">
            {t('profile.memberSince', {
              date: new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long' }).format(
                new Date(profile.memberSince),
              ),
            })}
          </p>
          {profile.openToExchange && <p className="badge badge--exchange">{t('profile.openToExchange')}</p>}
          <div className="profile__actions">
            {profile.abilities.message && (
              <Link className="button" to={newMessagePath(profile.handle)}>
                {t('profile.message')}
              </Link>
            )}
            {session.user && session.user.status === 'active' && session.user.id !== profile.id && (
              <FlagButton targetType="profile" targetId={profile.id} className="button button--secondary" />
            )}
            {profile.abilities.edit && (
              <Link className="button button--secondary" to={PATHS.profileEdit}>
                {t('profile.edit')}
              </Link>
            )}
          </div>
        </div>
      </header>
      {profile.bioHtml && (
        <section aria-labelledby="profile-about">
          <h2 id="profile-about">{t('profile.about')}</h2>
          {/* Produced by the server's Markdown renderer and sanitizer, the only source of user HTML. */}
          <div className="prose" dangerouslySetInnerHTML={{ __html: profile.bioHtml }} />
        </section>
      )}
      {(profile.themes.length > 0 || profile.tags.length > 0) && (
        <section aria-labelledby="profile-expertise">
          <h2 id="profile-expertise">{t('profile.expertise')}</h2>
          <ul className="chips">
            {profile.themes.map((theme) => (
              <li key={theme} className="chip">
                {t(`theme.${theme}`)}
              </li>
            ))}
            {profile.tags.map((tag) => (
              <li key={tag} className="chip chip--tag">
                {tag}
              </li>
            ))}
          </ul>
        </section>
      )}
      {profile.languages.length > 0 && (
        <section aria-labelledby="profile-languages">
          <h2 id="profile-languages">{t('profile.languages')}</h2>
          <p>{profile.languages.map((code) => languageName(locale, code)).join(', ')}</p>
        </section>
      )}
      {profile.links.length > 0 && (
        <section aria-labelledby="profile-links">
          <h2 id="profile-links">{t('profile.links')}</h2>
          <ul>
            {profile.links.map((link) => (
              <li key={link.url}>
                <a href={link.url} rel="nofollow noopener noreferrer ugc" target="_blank">
                  {link.label ?? link.url}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <RecentActivity items={profile.recent} />
      {profile.similar.length > 0 && (
        <section aria-labelledby="profile-similar">
          <h2 id="profile-similar">{t('profile.similar')}</h2>
          <ul className="member-list">
            {profile.similar.map((member) => (
              <li key={member.id}>
                <MemberCard member={member} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
