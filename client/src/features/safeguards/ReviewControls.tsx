import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MODERATION_LIMITS } from '@shared/moderation';
import { ApiError } from '@client/api/errors';
import { approveItem, rejectItem } from '@client/api/safeguards';
import { useReviewItem } from './ReviewContext';

/** Approve or reject, for a moderator, on a post the safeguards queued. */
export function ReviewControls({ postId }: { postId: string }) {
  const { t } = useTranslation('safeguards');
  const { item, onDecided, onChanged } = useReviewItem(postId);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reasonId = useId();
  if (!item) return null;

  const decide = async (resolution: 'approved' | 'rejected', work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      onDecided(resolution);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('common:status.unexpected'));
      // The author edited it meanwhile: reload, so the moderator reads what an approval would publish.
      if (e instanceof ApiError && e.code === 'item_changed') onChanged();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="review" aria-label={t('review.heading')}>
      <p className="review__why">
        {item.kind === 'new_member_post' ? t('review.newMemberPost') : t('review.watchedWord')}
        {item.words.length > 0 && <> · {t('review.words', { words: item.words.join(', ') })}</>}
      </p>
      {rejecting ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void decide('rejected', () => rejectItem(item.id, reason));
          }}
        >
          <div className="field">
            <label htmlFor={reasonId}>{t('review.reason')}</label>
            <textarea
              id={reasonId}
              value={reason}
              required
              maxLength={MODERATION_LIMITS.reasonMax}
              rows={2}
              onChange={(e) => setReason(e.target.value)}
            />
          </div>
          <button type="submit" className="button button--danger" disabled={busy}>
            {t('review.confirmReject')}
          </button>{' '}
          <button type="button" className="button button--secondary" onClick={() => setRejecting(false)}>
            {t('review.cancel')}
          </button>
        </form>
      ) : (
        <div className="review__actions">
          <button
            type="button"
            className="button button--small"
            disabled={busy}
            onClick={() => void decide('approved', () => approveItem(item.id, item.version))}
          >
            {t('review.approve')}
          </button>{' '}
          <button
            type="button"
            className="button button--small button--secondary"
            disabled={busy}
            onClick={() => setRejecting(true)}
          >
            {t('review.reject')}
          </button>
        </div>
      )}
      {error && (
        <p role="alert" className="field__error">
          {error}
        </p>
      )}
    </section>
  );
}
