import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SessionDto } from '@shared/api/security';
import { listSessions, revokeOtherSessions, revokeSession } from '@client/api/endpoints';
import { queryKeys } from '@client/api/queryKeys';

/** The member's signed-in sessions, with "sign out" per session and everywhere else. */
export function SessionsSection() {
  const { t, i18n } = useTranslation('security');
  const queryClient = useQueryClient();
  const sessions = useQuery({ queryKey: queryKeys.security.sessions, queryFn: listSessions });
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.security.sessions });
  const revoke = useMutation({ mutationFn: revokeSession, onSuccess: refresh });
  const revokeOthers = useMutation({ mutationFn: revokeOtherSessions, onSuccess: refresh });
  const when = (iso: string | null) =>
    iso
      ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(
          new Date(iso),
        )
      : '—';
  const device = (s: SessionDto) =>
    [s.browser ?? t('sessions.unknownBrowser'), s.os ?? t('sessions.unknownSystem')].join(' · ');
  const items = sessions.data?.items ?? [];

  return (
    <section aria-labelledby="sessions-title" className="settings-section">
      <h2 id="sessions-title">{t('sessions.title')}</h2>
      <div role="status">{revoke.isSuccess || revokeOthers.isSuccess ? t('sessions.ended') : ''}</div>
      <ul className="session-list">
        {items.map((s) => (
          <li key={s.id} className="session-list__item">
            <strong>{device(s)}</strong>
            {s.current && <span className="badge">{t('sessions.current')}</span>}
            <div>{t('sessions.lastSeen', { when: when(s.lastSeenAt) })}</div>
            <div>{t('sessions.address', { address: s.approximateIp ?? '—' })}</div>
            {!s.current && (
              <button type="button" className="button button--secondary" onClick={() => revoke.mutate(s.id)}>
                {t('sessions.signOut', { device: device(s) })}
              </button>
            )}
          </li>
        ))}
      </ul>
      {items.length > 1 && (
        <button type="button" className="button button--secondary" onClick={() => revokeOthers.mutate()}>
          {t('sessions.signOutEverywhere')}
        </button>
      )}
    </section>
  );
}
