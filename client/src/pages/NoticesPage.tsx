import { useState, type FormEvent } from 'react';
import { Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { MODERATION_LIMITS } from '@shared/moderation';
import { PATHS } from '@shared/routes';
import type { NoticeDto } from '@shared/api/moderation';
import { ApiError } from '@client/api/errors';
import { appealNotice, fetchNotices } from '@client/api/moderation';
import { usePageTitle } from '@client/components/usePageTitle';
import { useSession } from '@client/features/session/useSession';
import { queryKeys } from '@client/api/queryKeys';
import { useDateFormat } from '@client/components/useDateFormat';

function Notice({ notice }: { notice: NoticeDto }) {
  const { t } = useTranslation('moderation');
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [sent, setSent] = useState(false);
  const date = useDateFormat({ dateStyle: 'long', timeStyle: 'short' });
  const fieldId = `appeal-${notice.id}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      await appealNotice(notice.id, body);
      setSent(true);
      await queryClient.invalidateQueries({ queryKey: queryKeys.moderation.notices });
    } catch (e) {
      setError(e instanceof ApiError ? (e.fields.body?.message ?? e.message) : String(e));
    } finally {
      setPending(false);
    }
  };
  return (
    <li className="moderation-card notice-card">
      <h2>{t(`notices.kinds.${notice.kind}`)}</h2>
      <p>
        <time dateTime={notice.createdAt}>{date(notice.createdAt)}</time>
      </p>
      {notice.title && <p>{t('notices.about', { title: notice.title })}</p>}
      <p>{t('notices.reason', { reason: notice.reason })}</p>
      {notice.kind === 'suspension' && (
        <p>{notice.endsAt ? t('notices.until', { date: date(notice.endsAt) }) : t('notices.indefinite')}</p>
      )}
      {notice.appeal && (
        <>
          <p>{t('notices.yourAppeal', { body: notice.appeal.body })}</p>
          <p className="badge">{t(`notices.appealStatus.${notice.appeal.outcome ?? 'pending'}`)}</p>
        </>
      )}
      {sent && <p role="status">{t('notices.appealSent')}</p>}
      {notice.appealable && !sent && (
        <form className="form" onSubmit={(e) => void submit(e)}>
          <div className={error ? 'field field--invalid' : 'field'}>
            <label htmlFor={fieldId}>{t('notices.appealLabel')}</label>
            <textarea
              id={fieldId}
              rows={4}
              required
              maxLength={MODERATION_LIMITS.appealMax}
              value={body}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${fieldId}-error` : undefined}
              onChange={(e) => setBody(e.target.value)}
            />
            {error && (
              <p id={`${fieldId}-error`} role="alert" className="field__error">
                {error}
              </p>
            )}
          </div>
          <button type="submit" className="button" aria-disabled={pending || undefined}>
            {t('notices.appealSubmit')}
          </button>
        </form>
      )}
    </li>
  );
}

/** A member's own moderation notices (warnings, suspensions, removals) with the appeal form. */
export function NoticesPage() {
  const { t } = useTranslation('moderation');
  usePageTitle(t('notices.title'));
  const session = useSession();
  const list = useQuery({
    queryKey: queryKeys.moderation.notices,
    queryFn: fetchNotices,
    enabled: Boolean(session.user),
  });
  if (!session.user) return <Navigate to={PATHS.signIn} replace />;
  return (
    <div className="form-page moderation">
      <h1>{t('notices.title')}</h1>
      <p className="lead">{t('notices.intro')}</p>
      {list.isPending && <p className="loading">{t('loading')}</p>}
      {list.isError && (
        <p role="alert" className="error-state">
          {list.error.message}
        </p>
      )}
      {list.isSuccess && list.data.items.length === 0 && <p className="empty-state">{t('notices.empty')}</p>}
      <ul className="notice-list">
        {list.data?.items.map((notice) => (
          <Notice key={notice.id} notice={notice} />
        ))}
      </ul>
    </div>
  );
}
