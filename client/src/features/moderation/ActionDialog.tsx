import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MODERATION_LIMITS, SUSPENSION_DAYS } from '@shared/moderation';
import type { QueueItemDetail } from '@shared/api/moderation';
import { ApiError } from '@client/api/errors';
import { itemAction } from '@client/api/moderation';
import { ModalDialog } from '@client/components/ModalDialog';

/** Actions whose reason the member sees, so it is required. */
const REASON_REQUIRED = new Set(['delete', 'warn', 'suspend']);

interface ActionDialogProps {
  itemId: string;
  action: string | null;
  source: string;
  /** The version of the content the page shows, sent with an approval. */
  version: number | undefined;
  onClose: () => void;
  onDone: (detail: QueueItemDetail | null) => void;
  /** The content changed since the page loaded: close, say so, and show the new version. */
  onStale: (message: string) => void;
}

/** Confirms one action on an item, asking for what it needs: a reason, a duration, a new text. */
export function ActionDialog({
  itemId,
  action,
  source,
  version,
  onClose,
  onDone,
  onStale,
}: ActionDialogProps) {
  const { t } = useTranslation('moderation');
  const [reason, setReason] = useState('');
  const [days, setDays] = useState<string>('7');
  const [body, setBody] = useState(source);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const required = action !== null && REASON_REQUIRED.has(action);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!action || pending) return;
    setPending(true);
    setError(null);
    const payload: Record<string, unknown> = {};
    if (reason.trim()) payload.reason = reason.trim();
    if (action === 'suspend') payload.days = days === 'indefinite' ? null : Number(days);
    if (action === 'edit') payload.body = body;
    if (action === 'approve') payload.version = version;
    try {
      const res = await itemAction(itemId, action, payload);
      onDone(res.detail);
      setReason('');
    } catch (e) {
      if (e instanceof ApiError) {
        const field = Object.values(e.fields)[0];
        if (e.code === 'item_changed') onStale(e.message);
        else setError(field ? `${e.message} ${field.message}` : e.message);
      } else setError(String(e));
    } finally {
      setPending(false);
    }
  };

  return (
    <ModalDialog title={action ? t(`actionButtons.${action}`) : ''} open={action !== null} onClose={onClose}>
      <form className="form" onSubmit={(e) => void submit(e)}>
        {action === 'suspend' && (
          <fieldset className="choices">
            <legend>{t('dialog.duration')}</legend>
            {[...SUSPENSION_DAYS.map(String), 'indefinite'].map((value) => (
              <label key={value}>
                <input
                  type="radio"
                  name="suspension-days"
                  value={value}
                  checked={days === value}
                  onChange={() => setDays(value)}
                />{' '}
                {value === 'indefinite' ? t('dialog.indefinite') : t('dialog.days', { count: Number(value) })}
              </label>
            ))}
          </fieldset>
        )}
        {action === 'edit' && (
          <div className="field">
            <label htmlFor="action-body">{t('dialog.body')}</label>
            <textarea
              id="action-body"
              rows={8}
              value={body}
              onChange={(e) => setBody(e.target.value)}
              required
            />
          </div>
        )}
        <div className="field">
          <label htmlFor="action-reason">{required ? t('dialog.reason') : t('dialog.optionalReason')}</label>
          <textarea
            id="action-reason"
            rows={3}
            value={reason}
            maxLength={MODERATION_LIMITS.reasonMax}
            required={required}
            aria-describedby="action-reason-hint"
            onChange={(e) => setReason(e.target.value)}
          />
          <p id="action-reason-hint" className="field__hint">
            {t('dialog.reasonHint')}
          </p>
        </div>
        {error && (
          <p role="alert" className="field__error">
            {error}
          </p>
        )}
        <div className="modal__buttons">
          <button type="submit" className="button" aria-disabled={pending || undefined}>
            {t('dialog.confirm')}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('dialog.cancel')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
