import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FLAG_REASONS, MODERATION_LIMITS, type FlagReason, type FlagTarget } from '@shared/moderation';
import { ApiError } from '@client/api/errors';
import { createFlag } from '@client/api/moderation';
import { ModalDialog } from '@client/components/ModalDialog';

/** A "Flag" button opening a dialog with the reasons and an optional note. */
export function FlagButton({
  targetType,
  targetId,
  className,
}: {
  targetType: FlagTarget;
  targetId: string;
  className?: string;
}) {
  const { t } = useTranslation('moderation');
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<FlagReason | null>(null);
  const [note, setNote] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const name = `flag-reason-${targetId}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason || pending) return;
    setPending(true);
    setError(null);
    try {
      await createFlag({ targetType, targetId, reason, ...(note.trim() && { note: note.trim() }) });
      setSent(true);
      setOpen(false);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setPending(false);
    }
  };

  return (
    <>
      <button
        type="button"
        className={className ?? 'link-button'}
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
      >
        {t(`flag.${targetType}`)}
      </button>
      {sent && (
        <span role="status" className="flag-sent">
          {t('flag.sent')}
        </span>
      )}
      <ModalDialog title={t('flag.title')} open={open} onClose={() => setOpen(false)}>
        <form className="form" onSubmit={(e) => void submit(e)}>
          <fieldset className="choices">
            <legend>{t('flag.reason')}</legend>
            {FLAG_REASONS.map((r) => (
              <label key={r}>
                <input
                  type="radio"
                  name={name}
                  value={r}
                  checked={reason === r}
                  onChange={() => setReason(r)}
                  required
                />{' '}
                {t(`reasons.${r}`)}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor={`${name}-note`}>{t('flag.note')}</label>
            <textarea
              id={`${name}-note`}
              value={note}
              maxLength={MODERATION_LIMITS.flagNoteMax}
              rows={3}
              onChange={(e) => setNote(e.target.value)}
            />
          </div>
          {error && (
            <p role="alert" className="field__error">
              {error}
            </p>
          )}
          <div className="modal__buttons">
            <button type="submit" className="button" aria-disabled={pending || !reason || undefined}>
              {pending ? t('flag.sending') : t('flag.submit')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
              {t('flag.cancel')}
            </button>
          </div>
        </form>
      </ModalDialog>
    </>
  );
}
