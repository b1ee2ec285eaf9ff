import { useId, useState } from 'react';
import { Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import type { ApplicationDto } from '@shared/api/safeguards';
import { MODERATION_LIMITS } from '@shared/moderation';
import { isGlobalModerator } from '@shared/forum-policy';
import { ModerationNav } from '@client/features/moderation/ModerationNav';
import { PATHS } from '@shared/routes';
import { ApiError } from '@client/api/errors';
import { approveApplication, declineApplication, fetchApplications } from '@client/api/safeguards';
import { usePageTitle } from '@client/components/usePageTitle';
import { useSession } from '@client/features/session/useSession';
import { countryName } from '@client/features/directory/labels';
import { queryKeys } from '@client/api/queryKeys';
import { actorOf } from '@client/features/session/actorOf';

/** Where the moderation dashboard lives; this page links back to it. */

/** One applicant: their profile, why they want to join, approve or decline with a reason. */
function Application({
  application,
  onDone,
}: {
  application: ApplicationDto;
  onDone: (message: string) => void;
}) {
  const { t, i18n } = useTranslation('safeguards');
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reasonId = useId();
  const headingId = useId();
  const name = application.displayName;
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  const act = async (work: () => Promise<unknown>, message: string) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      onDone(message);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('common:status.unexpected'));
      setBusy(false);
    }
  };
  const rows: [string, string | null][] = [
    [t('members.email'), application.email],
    [t('members.country'), application.country ? countryName(i18n.language, application.country) : null],
    [t('members.sector'), application.sector ? t(`directory:sector.${application.sector}`) : null],
    [t('members.organization'), application.organization],
    [t('members.headline'), application.headline],
  ];
  return (
    <li className="application" aria-labelledby={headingId}>
      <h2 id={headingId}>{name}</h2>
      <p className="thread-item__meta">
        @{application.handle} ·{' '}
        {t('members.registered', { date: date.format(new Date(application.createdAt)) })}
      </p>
      <dl className="application__facts">
        {rows
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        <div>
          <dt>{t('members.note')}</dt>
          <dd className="application__note">{application.note ?? t('members.noNote')}</dd>
        </div>
      </dl>
      {declining ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void act(() => declineApplication(application.id, reason), t('members.declined', { name }));
          }}
        >
          <div className="field">
            <label htmlFor={reasonId}>{t('members.reason', { name })}</label>
            <textarea
              id={reasonId}
              required
              rows={3}
              maxLength={MODERATION_LIMITS.reasonMax}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              autoFocus
            />
          </div>
          <button type="submit" className="button" disabled={busy}>
            {t('members.confirmDecline')}
          </button>{' '}
          <button type="button" className="button button--secondary" onClick={() => setDeclining(false)}>
            {t('members.cancel')}
          </button>
        </form>
      ) : (
        <p className="application__actions">
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() =>
              void act(() => approveApplication(application.id), t('members.approved', { name }))
            }
          >
            {t('members.approve', { name })}
          </button>{' '}
          <button
            type="button"
            className="button button--secondary"
            disabled={busy}
            onClick={() => setDeclining(true)}
          >
            {t('members.decline', { name })}
          </button>
        </p>
      )}
      {error && (
        <p role="alert" className="field__error">
          {error}
        </p>
      )}
    </li>
  );
}

/** Membership applications waiting for a global moderator or an admin, oldest first. */
export function ModerationMembersPage() {
  const { t } = useTranslation('safeguards');
  const session = useSession();
  const client = useQueryClient();
  const user = session.user;
  const allowed = isGlobalModerator(actorOf(user));
  const [status, setStatus] = useState('');
  const query = useInfiniteQuery({
    queryKey: queryKeys.moderation.applications,
    queryFn: ({ pageParam }) => fetchApplications(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: allowed,
  });
  usePageTitle(t('members.title'));
  if (!user) return <Navigate to={PATHS.signIn} replace />;

  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div className="moderation-page">
      <h1>{t('members.title')}</h1>
      <ModerationNav />
      {!allowed ? (
        <p className="lead">{t('forbidden')}</p>
      ) : (
        <>
          <p className="lead">{t('members.intro')}</p>
          <p role="status" className="live-region">
            {status}
          </p>
          {query.isError && <p role="alert">{query.error.message}</p>}
          {query.isPending ? (
            <p className="loading">{t('common:status.loading')}</p>
          ) : items.length === 0 ? (
            <p className="empty">{t('members.empty')}</p>
          ) : (
            <ul className="application-list">
              {items.map((application) => (
                <Application
                  key={application.id}
                  application={application}
                  onDone={(message) => {
                    setStatus(message);
                    void client.invalidateQueries({ queryKey: queryKeys.moderation.applications });
                  }}
                />
              ))}
            </ul>
          )}
          {query.hasNextPage && (
            <button
              type="button"
              className="button button--secondary"
              disabled={query.isFetchingNextPage}
              onClick={() => void query.fetchNextPage()}
            >
              {t('more')}
            </button>
          )}
        </>
      )}
    </div>
  );
}
