import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { MODERATION_LIMITS } from '@shared/moderation';
import { PATHS, memberPath, threadPath } from '@shared/routes';
import type { QueueItemDetail } from '@shared/api/moderation';
import { ApiError } from '@client/api/errors';
import { addNote, fetchItem, fetchModerators, itemAction } from '@client/api/moderation';
import { usePageTitle } from '@client/components/usePageTitle';
import { useSession } from '@client/features/session/useSession';
import { StaffOnly } from '@client/features/moderation/StaffOnly';
import { ActionDialog } from '@client/features/moderation/ActionDialog';
import { queryKeys } from '@client/api/queryKeys';

/** The buttons an item offers, by its kind, target, state and the moderator's reach. */
function actionsFor(detail: QueueItemDetail): string[] {
  const { item, state } = detail;
  const open = item.status === 'open' || item.status === 'in_progress';
  const member = detail.canActOnMember ? ['warn', 'suspend'] : [];
  const reinstate = detail.canActOnMember && state.memberStatus === 'suspended' ? ['reinstate'] : [];
  const content = item.targetType === 'post' || item.targetType === 'thread';
  if (item.kind === 'appeal') return open ? ['uphold', 'overturn', ...reinstate] : reinstate;
  if (!open) return [...(content && state.hidden ? ['unhide'] : []), ...reinstate];
  const held = item.kind === 'new_member_post' || item.kind === 'watched_word' ? ['approve', 'reject'] : [];
  const onContent = content
    ? [state.hidden ? 'unhide' : 'hide', ...(state.deleted ? [] : ['delete', 'edit'])]
    : item.targetType === 'message' && !state.deleted
      ? ['delete']
      : [];
  return [...held, 'dismiss', ...onContent, ...member, ...reinstate];
}

function Detail({ detail, onChange }: { detail: QueueItemDetail; onChange: (d: QueueItemDetail) => void }) {
  const { t, i18n } = useTranslation('moderation');
  const session = useSession();
  const queryClient = useQueryClient();
  const [action, setAction] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [assignee, setAssignee] = useState('');
  const moderators = useQuery({ queryKey: queryKeys.moderation.moderators, queryFn: fetchModerators });
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const { item, snapshot, state } = detail;
  const refresh = async () => {
    const fresh = await fetchItem(item.id);
    onChange(fresh.detail);
    void queryClient.invalidateQueries({ queryKey: queryKeys.moderation.queues });
  };
  const run = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
      setStatus(t('dialog.done'));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  const submitNote = (event: FormEvent) => {
    event.preventDefault();
    if (!note.trim()) return;
    void run(async () => {
      await addNote(item.id, note.trim());
      setNote('');
      await refresh();
    });
  };
  const stateText = !state.exists
    ? t('item.gone')
    : state.deleted
      ? t('item.deleted')
      : state.hidden
        ? t('item.hidden')
        : t('item.visible');

  return (
    <div className="moderation-item">
      <p>
        <Link to={item.kind === 'appeal' ? PATHS.moderationAppeals : PATHS.moderation}>{t('item.back')}</Link>
      </p>
      <p className="moderation-item__badges">
        <span className="badge">{t(`kinds.${item.kind}`)}</span>{' '}
        <span className="badge">{t(`targets.${item.targetType}`)}</span>{' '}
        <span className="badge">{t(`statuses.${item.status}`)}</span>
        {item.resolution && (
          <>
            {' '}
            ·{' '}
            {t('item.resolution', {
              resolution: t(`resolutions.${item.resolution}`, { defaultValue: item.resolution }),
            })}
          </>
        )}
      </p>

      <section aria-labelledby="item-content" className="moderation-card">
        <h2 id="item-content">{item.kind === 'appeal' ? t('item.appeal') : t('item.content')}</h2>
        {snapshot.title && (
          <p className="moderation-item__title">
            {snapshot.threadId ? (
              <Link to={threadPath(snapshot.threadId)}>{snapshot.title}</Link>
            ) : (
              snapshot.title
            )}
          </p>
        )}
        {snapshot.author !== undefined && (
          <p>
            {t('item.author', { name: snapshot.author?.displayName ?? t('item.unknownAuthor') })}
            {snapshot.author && (
              <>
                {' '}
                (<Link to={memberPath(snapshot.author.handle)}>@{snapshot.author.handle}</Link>)
              </>
            )}
            {snapshot.writtenAt && (
              <> · {t('item.writtenAt', { date: date.format(new Date(snapshot.writtenAt)) })}</>
            )}
          </p>
        )}
        {item.targetType === 'message' && <p className="field__hint">{t('item.messageOnly')}</p>}
        {snapshot.notice && (
          <p>
            {t('item.appealAgainst', { kind: t(`notices.kinds.${snapshot.notice.kind}`) })} —{' '}
            {t('item.noticeReason', { reason: snapshot.notice.reason })}
          </p>
        )}
        {snapshot.appeal ? (
          <blockquote className="moderation-item__body">{snapshot.appeal.body}</blockquote>
        ) : (
          snapshot.html && (
            <div
              className="moderation-item__body post__body"
              dangerouslySetInnerHTML={{ __html: snapshot.html }}
            />
          )
        )}
      </section>

      <section aria-labelledby="item-state" className="moderation-card">
        <h2 id="item-state">{t('item.state')}</h2>
        <ul>
          {item.targetType !== 'member' && item.targetType !== 'profile' && <li>{stateText}</li>}
          {state.memberStatus && (
            <li>
              {t('item.memberStatus', { status: t(`memberStatuses.${state.memberStatus}`) })}
              {state.suspendedUntil && (
                <> · {t('item.suspendedUntil', { date: date.format(new Date(state.suspendedUntil)) })}</>
              )}
            </li>
          )}
        </ul>
      </section>

      <section aria-labelledby="item-actions" className="moderation-card">
        <h2 id="item-actions">{t('item.actions')}</h2>
        <div className="moderation-item__assign">
          <p>
            {t('item.assignee')}: {item.assignee?.displayName ?? t('item.unassigned')}
          </p>
          {(item.status === 'open' || item.status === 'in_progress') && (
            <>
              {item.assignee?.id !== session.user?.id && (
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() =>
                    void run(async () => onChange((await itemAction(item.id, 'assign', {})).detail))
                  }
                >
                  {t('item.assignToMe')}
                </button>
              )}
              <form
                className="inline-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  if (assignee)
                    void run(async () =>
                      onChange((await itemAction(item.id, 'assign', { assigneeId: assignee })).detail),
                    );
                }}
              >
                <label htmlFor="assign-to">{t('item.assignTo')}</label>{' '}
                <select id="assign-to" value={assignee} onChange={(e) => setAssignee(e.target.value)}>
                  <option value="">—</option>
                  {moderators.data?.items.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.displayName}
                    </option>
                  ))}
                </select>{' '}
                <button type="submit" className="button button--secondary">
                  {t('item.assign')}
                </button>
              </form>
            </>
          )}
        </div>
        <div className="moderation-item__buttons" role="group" aria-label={t('item.actions')}>
          {actionsFor(detail).map((name) => (
            <button
              key={name}
              type="button"
              className={
                name === 'dismiss' || name === 'unhide' || name === 'approve'
                  ? 'button button--secondary'
                  : 'button'
              }
              aria-haspopup="dialog"
              onClick={() => setAction(name)}
            >
              {t(`actionButtons.${name}`)}
            </button>
          ))}
        </div>
        <p role="status">{status}</p>
        {error && (
          <p role="alert" className="field__error">
            {error}
          </p>
        )}
      </section>

      {item.kind !== 'appeal' && (
        <section aria-labelledby="item-flags" className="moderation-card">
          <h2 id="item-flags">{t('item.flags')}</h2>
          {detail.reasonCounts.length > 0 && (
            <p>
              {detail.reasonCounts
                .map((r) => t('item.reasonCount', { reason: t(`reasons.${r.reason}`), count: r.count }))
                .join(' · ')}
            </p>
          )}
          <ul className="moderation-list">
            {detail.flags.map((f) => (
              <li key={f.id}>
                <strong>{t(`reasons.${f.reason}`)}</strong> —{' '}
                {t('item.reportedBy', { name: f.reporter?.displayName ?? t('item.unknownAuthor') })}{' '}
                <time dateTime={f.createdAt}>{date.format(new Date(f.createdAt))}</time>
                {f.note && <p className="moderation-list__note">{f.note}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="item-notes" className="moderation-card">
        <h2 id="item-notes">{t('item.notes')}</h2>
        <p className="field__hint">{t('item.notesHint')}</p>
        {detail.notes.length === 0 && <p>{t('item.noNotes')}</p>}
        <ul className="moderation-list">
          {detail.notes.map((n) => (
            <li key={n.id}>
              <strong>{n.author?.displayName ?? t('item.unknownAuthor')}</strong>{' '}
              <time dateTime={n.createdAt}>{date.format(new Date(n.createdAt))}</time>
              <p className="moderation-list__note">{n.body}</p>
            </li>
          ))}
        </ul>
        <form className="form" onSubmit={submitNote}>
          <div className="field">
            <label htmlFor="note-body">{t('item.noteLabel')}</label>
            <textarea
              id="note-body"
              rows={3}
              maxLength={MODERATION_LIMITS.noteMax}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          </div>
          <button type="submit" className="button button--secondary">
            {t('item.addNote')}
          </button>
        </form>
      </section>

      <section aria-labelledby="item-history" className="moderation-card">
        <h2 id="item-history">{t('item.history')}</h2>
        {detail.history.length === 0 && <p>{t('item.noHistory')}</p>}
        <ol className="moderation-list">
          {detail.history.map((h) => (
            <li key={h.id}>
              <strong>{t(`actions.${h.action}`, { defaultValue: t('actions.unknown') })}</strong> —{' '}
              {h.actor?.displayName ?? t('audit.system')}{' '}
              <time dateTime={h.createdAt}>{date.format(new Date(h.createdAt))}</time>
              {h.reason && <p className="moderation-list__note">{h.reason}</p>}
            </li>
          ))}
        </ol>
      </section>

      <ActionDialog
        key={action ?? 'closed'}
        itemId={item.id}
        action={action}
        source={snapshot.source ?? ''}
        version={snapshot.version}
        onClose={() => setAction(null)}
        onStale={(message) => {
          setAction(null);
          setStatus('');
          setError(message);
          void refresh();
        }}
        onDone={(fresh) => {
          setAction(null);
          setStatus(t('dialog.done'));
          if (fresh) onChange(fresh);
          void queryClient.invalidateQueries({ queryKey: queryKeys.moderation.queues });
        }}
      />
    </div>
  );
}

/** One queue item: what was flagged, its state, the flags, notes and history, and every action. */
export function ModerationItemPage() {
  const { t } = useTranslation('moderation');
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: queryKeys.moderation.item(id),
    queryFn: () => fetchItem(id),
    retry: false,
  });
  usePageTitle(
    query.data ? t('item.title', { kind: t(`kinds.${query.data.detail.item.kind}`) }) : t('title'),
  );
  return (
    <StaffOnly
      title={query.data ? t('item.title', { kind: t(`kinds.${query.data.detail.item.kind}`) }) : t('title')}
    >
      {query.isPending && <p className="loading">{t('loading')}</p>}
      {query.isError && (
        <p role="alert" className="error-state">
          {query.error instanceof ApiError && query.error.status === 404
            ? t('item.notFound')
            : query.error.message}
        </p>
      )}
      {query.data && (
        <Detail
          detail={query.data.detail}
          onChange={(detail) => queryClient.setQueryData(queryKeys.moderation.item(id), { detail })}
        />
      )}
    </StaffOnly>
  );
}
