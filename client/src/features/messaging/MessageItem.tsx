import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MESSAGING_LIMITS, type MessageDto } from '@shared/api/messaging';
import { deleteMessage, editMessage } from '@client/api/messaging';
import { FlagButton } from '@client/features/moderation/FlagButton';
import { ApiError } from '@client/api/errors';

interface MessageItemProps {
  message: MessageDto;
  viewerId: string;
  onChanged: (message: MessageDto) => void;
  seenLabel?: string;
}

/** One message with the actions its viewer may take: edit (15 minutes) and delete their own, flag others'. */
export function MessageItem({ message, viewerId, onChanged, seenLabel }: MessageItemProps) {
  const { t, i18n } = useTranslation('messaging');
  const [mode, setMode] = useState<'view' | 'edit'>('view');
  const [draft, setDraft] = useState(message.body ?? '');
  const [error, setError] = useState<string | null>(null);
  const mine = message.author?.id === viewerId;
  const editable =
    mine &&
    !message.deleted &&
    Date.now() - Date.parse(message.createdAt) < MESSAGING_LIMITS.editWindowMinutes * 60_000;
  const time = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }).format(
    new Date(message.createdAt),
  );

  const run = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('common:status.unexpected'));
    }
  };

  return (
    <li className={mine ? 'message message--mine' : 'message'} data-seq={message.seq}>
      <p className="message__meta">
        {t('message.by', { name: message.author?.displayName ?? t('common:formerMember'), time })}
      </p>
      {message.deleted ? (
        <p className="message__deleted">{t('conversation.deleted')}</p>
      ) : mode === 'edit' ? (
        <form
          className="message__edit"
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => {
              onChanged((await editMessage(message.conversationId, message.id, draft)).message);
              setMode('view');
            });
          }}
        >
          <label htmlFor={`edit-${message.id}`} className="visually-hidden">
            {t('message.editLabel')}
          </label>
          <textarea
            id={`edit-${message.id}`}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            rows={3}
          />
          <button type="submit" className="button">
            {t('message.save')}
          </button>
          <button type="button" className="button button--secondary" onClick={() => setMode('view')}>
            {t('message.cancel')}
          </button>
        </form>
      ) : (
        // The server's sanitizer is the only producer of this HTML.
        <div className="message__body" dangerouslySetInnerHTML={{ __html: message.html ?? '' }} />
      )}
      {message.editedAt && !message.deleted && <p className="message__edited">{t('conversation.edited')}</p>}
      {error && <p role="alert">{error}</p>}
      {mode === 'view' && !message.deleted && (
        <div className="message__actions">
          {editable && (
            <button type="button" className="link-button" onClick={() => setMode('edit')}>
              {t('message.edit')}
            </button>
          )}
          {mine && (
            <button
              type="button"
              className="link-button"
              onClick={() =>
                void run(async () =>
                  onChanged((await deleteMessage(message.conversationId, message.id)).message),
                )
              }
            >
              {t('message.delete')}
            </button>
          )}
          {/* Flags go to the moderation queue, which sees this message only. */}
          {!mine && <FlagButton targetType="message" targetId={message.id} />}
        </div>
      )}
      {seenLabel && <p className="message__seen">{seenLabel}</p>}
    </li>
  );
}
