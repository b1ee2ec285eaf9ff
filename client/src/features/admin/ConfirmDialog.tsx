import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MODERATION_LIMITS } from '@shared/moderation';
import { ApiError } from '@client/api/errors';
import { FormAlert } from '@client/components/FormAlert';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** Asks for an optional reason (kept in the audit trail) when set. */
  reasonLabel?: string;
  /** Called with the reason (empty when none was given); the dialog closes once it resolves. */
  onConfirm: (reason: string) => Promise<void>;
  onClose: () => void;
}

/**
 * A modal confirmation for a consequential change. The native `<dialog>` keeps focus inside it and
 * closes on Escape; focus returns to the button that opened it.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  reasonLabel,
  onConfirm,
  onClose,
}: ConfirmDialogProps) {
  const { t } = useTranslation('admin');
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog?.showModal();
    return () => {
      dialog?.close();
      opener?.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
    >
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          setBusy(true);
          setError(null);
          onConfirm(reason.trim())
            .then(onClose)
            .catch((err: unknown) => {
              setBusy(false);
              setError(err instanceof ApiError ? err.message : t('common:status.unexpected'));
            });
        }}
      >
        <h2 id={`${id}-title`}>{title}</h2>
        <div className="confirm-dialog__body">{children}</div>
        <FormAlert message={error} />
        {reasonLabel && (
          <div className="field">
            <label htmlFor={`${id}-reason`}>{reasonLabel}</label>
            <textarea
              id={`${id}-reason`}
              rows={2}
              maxLength={MODERATION_LIMITS.reasonMax}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          </div>
        )}
        <div className="form__actions">
          <button type="submit" className="button" aria-disabled={busy || undefined} disabled={busy}>
            {confirmLabel}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose} disabled={busy}>
            {t('roles.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
