import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { MODERATION_ACTIONS } from '@shared/api/moderation';
import { fetchAudit, fetchModerators } from '@client/api/moderation';
import { usePageTitle } from '@client/components/usePageTitle';
import { StaffOnly } from '@client/features/moderation/StaffOnly';
import { queryKeys } from '@client/api/queryKeys';
import { useDateFormat } from '@client/components/useDateFormat';

const TARGET_TYPES = ['post', 'thread', 'message', 'profile', 'member', 'watched_word'] as const;

/** The audit log: every staff action, newest first, filtered by action and target type. */
export function ModerationAuditPage() {
  const { t } = useTranslation('moderation');
  usePageTitle(t('audit.title'));
  const [action, setAction] = useState('');
  const [targetType, setTargetType] = useState('');
  const [actorId, setActorId] = useState('');
  const staff = useQuery({ queryKey: queryKeys.moderation.moderators, queryFn: fetchModerators });
  const filters = {
    action: action || undefined,
    targetType: targetType || undefined,
    actorId: actorId || undefined,
  };
  const list = useInfiniteQuery({
    queryKey: queryKeys.moderation.audit(filters),
    queryFn: ({ pageParam }) => fetchAudit(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const date = useDateFormat({ dateStyle: 'medium', timeStyle: 'short' });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <StaffOnly title={t('audit.title')}>
      <p className="lead">{t('audit.intro')}</p>
      <form className="queue-filters" aria-label={t('audit.filter')} onSubmit={(e) => e.preventDefault()}>
        <div className="field field--inline">
          <label htmlFor="audit-action">{t('audit.action')}</label>
          <select id="audit-action" value={action} onChange={(e) => setAction(e.target.value)}>
            <option value="">{t('audit.allActions')}</option>
            {MODERATION_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(`actions.${a}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--inline">
          <label htmlFor="audit-actor">{t('audit.actor')}</label>
          <select id="audit-actor" value={actorId} onChange={(e) => setActorId(e.target.value)}>
            <option value="">{t('audit.allActors')}</option>
            {staff.data?.items.map((person) => (
              <option key={person.id} value={person.id}>
                {person.displayName}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--inline">
          <label htmlFor="audit-target">{t('audit.targetType')}</label>
          <select id="audit-target" value={targetType} onChange={(e) => setTargetType(e.target.value)}>
            <option value="">{t('audit.allTargets')}</option>
            {TARGET_TYPES.map((type) => (
              <option key={type} value={type}>
                {type === 'watched_word' ? t('nav.words') : t(`targets.${type}`)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {list.isPending && <p className="loading">{t('loading')}</p>}
      {list.isError && (
        <p role="alert" className="error-state">
          {list.error.message}
        </p>
      )}
      {list.isSuccess && items.length === 0 && <p className="empty-state">{t('audit.empty')}</p>}
      {items.length > 0 && (
        <table className="audit-table">
          <thead>
            <tr>
              <th scope="col">{t('audit.when')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.actor')}</th>
              <th scope="col">{t('audit.target')}</th>
              <th scope="col">{t('audit.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((entry) => (
              <tr key={entry.id}>
                <td>
                  <time dateTime={entry.createdAt}>{date(entry.createdAt)}</time>
                </td>
                <td>{t(`actions.${entry.action}`, { defaultValue: entry.action })}</td>
                <td>{entry.actor?.displayName ?? t('audit.system')}</td>
                <td>
                  {entry.targetType === 'watched_word'
                    ? t('nav.words')
                    : t(`targets.${entry.targetType}`, { defaultValue: entry.targetType })}{' '}
                  <code>{entry.targetId?.slice(0, 8)}</code>
                </td>
                <td>{entry.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.hasNextPage && (
        <button type="button" className="button button--secondary" onClick={() => void list.fetchNextPage()}>
          {t('loadMore')}
        </button>
      )}
    </StaffOnly>
  );
}
