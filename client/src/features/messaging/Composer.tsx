import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MESSAGING_LIMITS, type MessageDto } from '@shared/api/messaging';
import { sendMessage } from '@client/api/messaging';
import { ApiError } from '@client/api/errors';

interface ComposerProps {
  conversationId: string;
  onSent: (message: MessageDto) => void;
  onTyping: () => void;
}

/**
 * Writes and sends a message: Enter sends, Shift+Enter adds a line. The same `clientId` is reused until
 * the server acknowledges, so a retry after a failure can never send twice.
 */
export function Composer({ conversationId, onSent, onTyping }: ComposerProps) {
  const { t } = useTranslation('messaging');
  const [body, setBody] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const clientId = useRef<string>(crypto.randomUUID());

  const submit = async () => {
    const text = body.trim();
    if (!text || pending) return;
    setPending(true);
    setError(null);
    try {
      const { message } = await sendMessage(conversationId, text, clientId.current);
      clientId.current = crypto.randomUUID();
      setBody('');
      onSent(message);
    } catch (e) {
      setError(
        e instanceof ApiError
          ? (Object.values(e.fields)[0]?.message ?? e.message)
          : t('common:status.unexpected'),
      );
    } finally {
      setPending(false);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    }
  };

  return (
    <form className="composer" onSubmit={onSubmit}>
      <div role="alert" className={error ? 'form-alert' : 'form-alert form-alert--empty'}>
        {error}
      </div>
      <label htmlFor="composer-body" className="visually-hidden">
        {t('composer.label')}
      </label>
      <textarea
        id="composer-body"
        className="composer__input"
        rows={2}
        maxLength={MESSAGING_LIMITS.bodyMax}
        placeholder={t('composer.label')}
        aria-describedby="composer-hint"
        value={body}
        onChange={(e) => {
          setBody(e.target.value);
          if (e.target.value) onTyping();
        }}
        onKeyDown={onKeyDown}
      />
      <p id="composer-hint" className="field__hint">
        {t('composer.hint')}
      </p>
      <button type="submit" className="button" aria-disabled={pending || undefined}>
        {pending ? t('composer.sending') : t('composer.send')}
      </button>
    </form>
  );
}
