import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { MODERATION_LIMITS } from '@shared/moderation';
import { SLOW_MODE_CHOICES } from '@shared/api/curation';
import type { ThreadDto } from '@shared/api/threads';
import { threadPath } from '@shared/routes';
import type { Locale } from '@shared/constants';
import { Disclosure } from '@client/components/Disclosure';
import { FormAlert } from '@client/components/FormAlert';
import { ApiError } from '@client/api/errors';
import {
  curate,
  editThread,
  mergeThread,
  moveThread,
  pinThread,
  setSlowMode,
  type SimpleCuration,
} from '@client/api/curation';
import { queryKeys } from '@client/api/queryKeys';
import { CategoryPicker, TargetPicker } from './CurationPickers';

/** Everything a moderator can do to a thread from its page. */
type Action = 'pinCategory' | 'pinGlobal' | SimpleCuration | 'slowMode' | 'edit' | 'move' | 'merge';

/** The actions that make sense for the thread as it is now, in menu order. */
function availableActions(thread: ThreadDto): Action[] {
  const actions: Action[] = [];
  if (thread.pinScope !== 'category') actions.push('pinCategory');
  if (thread.pinScope !== 'global') actions.push('pinGlobal');
  if (thread.pinScope) actions.push('unpin');
  actions.push(thread.featured ? 'unfeature' : 'feature');
  actions.push(thread.locked ? 'unlock' : 'lock');
  if (thread.kind === 'question') actions.push(thread.closed ? 'reopen' : 'close');
  actions.push('slowMode', 'edit', 'move', 'merge');
  return actions;
}

/**
 * The moderator's menu on a thread page, shown only to moderators of the thread's category: every action
 * opens a dialog that says what will happen, asks for an optional reason and waits for confirmation.
 */
export function ModeratorTools({ thread, locale }: { thread: ThreadDto; locale: Locale }) {
  const { t } = useTranslation('forum');
  const client = useQueryClient();
  const navigate = useNavigate();
  const [action, setAction] = useState<Action | null>(null);
  const [done, setDone] = useState('');
  const rootRef = useRef<HTMLDivElement>(null);

  const finish = (finished: Action, result: ThreadDto) => {
    setAction(null);
    setDone(t('curation.done', { action: t(`curation.action.${finished}`) }));
    void client.invalidateQueries({ queryKey: queryKeys.threads.lists });
    void client.invalidateQueries({ queryKey: queryKeys.threads.featuredLists });
    if (finished === 'merge') {
      void navigate(threadPath(result.id));
      return;
    }
    void client.invalidateQueries({ queryKey: queryKeys.threads.detail(thread.id) });
    rootRef.current?.querySelector<HTMLButtonElement>('.disclosure__toggle')?.focus();
  };

  return (
    <div className="moderator-tools" ref={rootRef}>
      <Disclosure label={t('curation.tools.menu')} className="moderator-tools__menu">
        {(close) => (
          <ul className="moderator-tools__actions" aria-label={t('curation.tools.heading')}>
            {availableActions(thread).map((a) => (
              <li key={a}>
                <button
                  type="button"
                  className="moderator-tools__action"
                  onClick={() => {
                    close();
                    setDone('');
                    setAction(a);
                  }}
                >
                  {t(`curation.action.${a}`)}
                  {['slowMode', 'edit', 'move', 'merge'].includes(a) ? '…' : ''}
                </button>
              </li>
            ))}
          </ul>
        )}
      </Disclosure>
      <p role="status" className="moderator-tools__status">
        {done}
      </p>
      {action && (
        <CurationDialog
          action={action}
          thread={thread}
          locale={locale}
          onCancel={() => {
            setAction(null);
            rootRef.current?.querySelector<HTMLButtonElement>('.disclosure__toggle')?.focus();
          }}
          onDone={(result) => finish(action, result)}
        />
      )}
    </div>
  );
}

interface DialogProps {
  action: Action;
  thread: ThreadDto;
  locale: Locale;
  onCancel: () => void;
  onDone: (thread: ThreadDto) => void;
}

/** A modal dialog for one action: its consequences, its fields, a reason, Cancel and Confirm. */
function CurationDialog({ action, thread, locale, onCancel, onDone }: DialogProps) {
  const { t } = useTranslation('forum');
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [minutes, setMinutes] = useState<number>(thread.slowModeMinutes);
  const [title, setTitle] = useState(thread.title);
  const [tags, setTags] = useState(thread.tags.join(', '));
  const [categoryId, setCategoryId] = useState('');
  const [targetId, setTargetId] = useState('');

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const run = () => {
    const why = reason.trim() || undefined;
    switch (action) {
      case 'pinCategory':
        return pinThread(thread.id, { scope: 'category', reason: why });
      case 'pinGlobal':
        return pinThread(thread.id, { scope: 'global', reason: why });
      case 'slowMode':
        return setSlowMode(thread.id, { minutes, reason: why });
      case 'edit':
        return editThread(thread.id, {
          title,
          tags: tags
            .split(',')
            .map((tag) => tag.trim())
            .filter(Boolean),
          reason: why,
        });
      case 'move':
        return moveThread(thread.id, { categoryId, reason: why });
      case 'merge':
        return mergeThread(thread.id, { targetId, reason: why });
      default:
        return curate(thread.id, action, why);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (action === 'move' && !categoryId) return setError(t('curation.dialog.chooseCategory'));
    if (action === 'merge' && !targetId) return setError(t('curation.dialog.chooseTarget'));
    setBusy(true);
    setError(null);
    run().then(
      (res) => {
        ref.current?.close();
        onDone(res.thread);
      },
      (err: unknown) => {
        setBusy(false);
        if (err instanceof ApiError) {
          const field = Object.values(err.fields)[0];
          setError(field ? `${err.message} ${field.message}` : err.message);
        } else setError(String(err));
      },
    );
  };

  const headingId = `curation-${action}-heading`;
  return (
    <dialog
      ref={ref}
      className="curation-dialog"
      aria-labelledby={headingId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <form onSubmit={submit} noValidate>
        <h2 id={headingId}>{t(`curation.action.${action}`)}</h2>
        <p>{t(`curation.confirm.${action}`)}</p>
        <FormAlert message={error} />
        {action === 'slowMode' && (
          <div className="field">
            <label htmlFor="curation-minutes">{t('curation.dialog.interval')}</label>
            <select
              id="curation-minutes"
              value={minutes}
              onChange={(e) => setMinutes(Number(e.target.value))}
            >
              {[...new Set<number>([...SLOW_MODE_CHOICES, thread.slowModeMinutes])]
                .sort((a, b) => a - b)
                .map((m) => (
                  <option key={m} value={m}>
                    {m === 0 ? t('curation.dialog.off') : t('curation.dialog.minutes', { count: m })}
                  </option>
                ))}
            </select>
          </div>
        )}
        {action === 'edit' && (
          <>
            <div className="field">
              <label htmlFor="curation-title">{t('curation.dialog.title')}</label>
              <input id="curation-title" value={title} onChange={(e) => setTitle(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="curation-tags">{t('curation.dialog.tags')}</label>
              <input id="curation-tags" value={tags} onChange={(e) => setTags(e.target.value)} />
            </div>
          </>
        )}
        {action === 'move' && (
          <CategoryPicker locale={locale} thread={thread} value={categoryId} onChange={setCategoryId} />
        )}
        {action === 'merge' && <TargetPicker thread={thread} value={targetId} onChange={setTargetId} />}
        <div className="field">
          <label htmlFor="curation-reason">{t('curation.dialog.reason')}</label>
          <p className="field__hint" id="curation-reason-hint">
            {t('curation.dialog.reasonHint')}
          </p>
          <textarea
            id="curation-reason"
            rows={2}
            maxLength={MODERATION_LIMITS.reasonMax}
            value={reason}
            aria-describedby="curation-reason-hint"
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
        <div className="curation-dialog__buttons">
          <button type="submit" className="button" aria-disabled={busy || undefined}>
            {busy ? t('common:status.loading') : t('curation.dialog.confirm')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              ref.current?.close();
              onCancel();
            }}
          >
            {t('curation.dialog.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
