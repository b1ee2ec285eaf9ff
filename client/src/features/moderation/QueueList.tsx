import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { QUEUE_ITEM_KINDS, QUEUE_STATUSES, QUEUE_TARGETS } from '@shared/moderation';
import { moderationItemPath } from '@shared/routes';
import type { QueueItemDto } from '@shared/api/moderation';
import { fetchQueue } from '@client/api/moderation';
import { useSocket } from '@client/realtime/RealtimeProvider';
import { queryKeys } from '@client/api/queryKeys';
import { useDateFormat } from '@client/components/useDateFormat';

function Row({ item }: { item: QueueItemDto }) {
  const { t } = useTranslation('moderation');
  const when = useDateFormat({ dateStyle: 'medium', timeStyle: 'short' });
  const label = item.title ?? item.subject?.displayName ?? t(`targets.${item.targetType}`);
  return (
    <li className="queue-item">
      <div className="queue-item__main">
        <Link to={moderationItemPath(item.id)} className="queue-item__title">
          {label}
        </Link>
        <p className="queue-item__excerpt">{item.excerpt}</p>
      </div>
      <ul className="queue-item__meta">
        <li>
          <span className="badge">{t(`kinds.${item.kind}`)}</span>{' '}
          <span className="badge">{t(`targets.${item.targetType}`)}</span>{' '}
          <span className="badge">{t(`statuses.${item.status}`)}</span>
        </li>
        {item.kind === 'flag' && (
          <li>
            {t('queue.flagCount', { count: item.flagCount })}
            {item.reasons.length > 0 && ` · ${item.reasons.map((r) => t(`reasons.${r}`)).join(', ')}`}
          </li>
        )}
        {item.subject && <li>{t('queue.by', { name: item.subject.displayName })}</li>}
        {item.assignee && <li>{t('queue.assignedTo', { name: item.assignee.displayName })}</li>}
        <li>
          <time dateTime={item.createdAt}>{when(item.createdAt)}</time>
        </li>
      </ul>
    </li>
  );
}

/** The queue with its filters; `fixedKind` pins the kind (the appeals tab). */
export function QueueList({ fixedKind }: { fixedKind?: (typeof QUEUE_ITEM_KINDS)[number] }) {
  const { t } = useTranslation('moderation');
  const queryClient = useQueryClient();
  const socket = useSocket();
  const [status, setStatus] = useState('active');
  const [kind, setKind] = useState(fixedKind ?? '');
  const [targetType, setTargetType] = useState('');
  const [assigned, setAssigned] = useState('any');
  const filters = { status, kind: kind || undefined, targetType: targetType || undefined, assigned };
  const list = useInfiniteQuery({
    queryKey: queryKeys.moderation.queue(filters),
    queryFn: ({ pageParam }) => fetchQueue(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  useEffect(() => {
    const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.moderation.queues });
    socket.on('moderation:queue', refresh);
    return () => {
      socket.off('moderation:queue', refresh);
    };
  }, [socket, queryClient]);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const select = (
    id: string,
    label: string,
    value: string,
    onChange: (v: string) => void,
    options: [string, string][],
  ) => (
    <div className="field field--inline">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <section aria-labelledby="queue-title">
      <h2 id="queue-title" className="visually-hidden">
        {fixedKind ? t('appeals.title') : t('queue.title')}
      </h2>
      <form className="queue-filters" aria-label={t('queue.filters')} onSubmit={(e) => e.preventDefault()}>
        {select('queue-status', t('queue.status'), status, setStatus, [
          ['active', t('statuses.active')],
          ...QUEUE_STATUSES.map((s): [string, string] => [s, t(`statuses.${s}`)]),
        ])}
        {!fixedKind &&
          select('queue-kind', t('queue.kind'), kind, setKind, [
            ['', t('queue.any')],
            ...QUEUE_ITEM_KINDS.map((k): [string, string] => [k, t(`kinds.${k}`)]),
          ])}
        {select('queue-target', t('queue.targetType'), targetType, setTargetType, [
          ['', t('queue.any')],
          ...QUEUE_TARGETS.map((k): [string, string] => [k, t(`targets.${k}`)]),
        ])}
        {select('queue-assigned', t('queue.assigned'), assigned, setAssigned, [
          ['any', t('assignedFilter.any')],
          ['me', t('assignedFilter.me')],
          ['unassigned', t('assignedFilter.unassigned')],
        ])}
      </form>
      <p className="field__hint">{t('queue.live')}</p>
      {list.isPending && <p className="loading">{t('loading')}</p>}
      {list.isError && (
        <p role="alert" className="error-state">
          {list.error.message}
        </p>
      )}
      {list.isSuccess && items.length === 0 && (
        <p className="empty-state">{fixedKind ? t('appeals.empty') : t('queue.empty')}</p>
      )}
      <ul className="queue-list">
        {items.map((item) => (
          <Row key={item.id} item={item} />
        ))}
      </ul>
      {list.hasNextPage && (
        <button type="button" className="button button--secondary" onClick={() => void list.fetchNextPage()}>
          {t('loadMore')}
        </button>
      )}
    </section>
  );
}
