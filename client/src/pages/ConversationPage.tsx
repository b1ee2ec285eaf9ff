import { useEffect, useMemo, useRef, useState } from 'react';
import { Navigate, useLocation, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ConversationResponse, MessageDto } from '@shared/api/messaging';
import type { ConversationReadPayload } from '@shared/events';
import { PATHS } from '@shared/routes';
import {
  acceptRequest,
  declineRequest,
  fetchConversation,
  leaveConversation,
  markRead,
  muteConversation,
} from '@client/api/messaging';
import { usePageTitle } from '@client/components/usePageTitle';
import { useSocket } from '@client/realtime/RealtimeProvider';
import { useSession } from '@client/features/session/useSession';
import { conversationName, plainPreview } from '@client/features/messaging/conversationName';
import { useConversationMessages } from '@client/features/messaging/useConversationMessages';
import { useTyping } from '@client/features/messaging/useTyping';
import { Composer } from '@client/features/messaging/Composer';
import { MessageItem } from '@client/features/messaging/MessageItem';
import { AddMembersButton } from '@client/features/messaging/AddMembersDialog';
import { queryKeys } from '@client/api/queryKeys';

/** One conversation: history loading upward, live messages, typing, "seen", and the request answer. */
export function ConversationPage() {
  const { conversationId = '' } = useParams();
  const session = useSession();
  const location = useLocation();
  if (!session.user) return <Navigate to={PATHS.signIn} replace state={{ from: location.pathname }} />;
  return <Conversation key={conversationId} conversationId={conversationId} viewerId={session.user.id} />;
}

function Conversation({ conversationId, viewerId }: { conversationId: string; viewerId: string }) {
  const { t } = useTranslation('messaging');
  const socket = useSocket();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const key = queryKeys.messaging.conversation(conversationId);
  const detail = useQuery({ queryKey: key, queryFn: () => fetchConversation(conversationId) });
  const conversation = detail.data?.conversation;
  const { messages, loaded, hasOlder, loadOlder, loadingOlder, error, merge } =
    useConversationMessages(conversationId);
  const { typingNames, notifyTyping } = useTyping(conversationId, viewerId);
  const [announcement, setAnnouncement] = useState('');
  const conversationEnd = useRef<HTMLDivElement>(null);
  const lastSeq = messages.at(-1)?.seq ?? 0;
  usePageTitle(conversation ? conversationName(conversation, viewerId) : t('inbox.title'));

  // Read marks of the other members ("seen"), kept current from the socket.
  useEffect(() => {
    const onRead = (p: ConversationReadPayload) => {
      if (p.conversationId !== conversationId) return;
      queryClient.setQueryData<ConversationResponse>(key, (old) =>
        old
          ? {
              ...old,
              conversation: {
                ...old.conversation,
                members: old.conversation.members.map((m) =>
                  m.id === p.memberId ? { ...m, lastReadSeq: Math.max(m.lastReadSeq, p.seq) } : m,
                ),
              },
            }
          : old,
      );
    };
    socket.on('conversation:read', onRead);
    return () => void socket.off('conversation:read', onRead);
  }, [socket, conversationId, queryClient, key]);

  // Announce messages from others to screen readers, and keep the newest in view.
  // Waits for the conversation itself too: until it is there the page shows "loading" and the end
  // marker is not rendered, so the first scroll (opening at the newest message) would be lost.
  const announced = useRef(0);
  const shown = Boolean(conversation);
  useEffect(() => {
    const last = messages.at(-1);
    if (!last || !loaded || !shown) return;
    if (
      announced.current &&
      last.seq > announced.current &&
      last.author &&
      last.author.id !== viewerId &&
      !last.deleted
    ) {
      setAnnouncement(
        t('conversation.announce', { name: last.author.displayName, text: plainPreview(last.body ?? '') }),
      );
    }
    // The end of the whole conversation, below the sticky message box: scrolling the last message to
    // the window's bottom edge would leave it under that box.
    if (last.seq > announced.current) conversationEnd.current?.scrollIntoView({ block: 'end' });
    announced.current = Math.max(announced.current, last.seq);
  }, [messages, loaded, shown, viewerId, t]);

  // Reading: the mark follows what is on screen while the page is visible.
  const myMark = useRef(0);
  useEffect(() => {
    if (!conversation || lastSeq === 0) return;
    myMark.current = Math.max(myMark.current, conversation.me.lastReadSeq);
    const mark = () => {
      if (document.visibilityState !== 'visible' || lastSeq <= myMark.current) return;
      myMark.current = lastSeq;
      void markRead(conversationId, lastSeq);
    };
    mark();
    document.addEventListener('visibilitychange', mark);
    return () => document.removeEventListener('visibilitychange', mark);
  }, [conversation, conversationId, lastSeq]);

  const answer = useMutation({
    mutationFn: async (accept: boolean) => {
      if (accept) return acceptRequest(conversationId);
      await declineRequest(conversationId);
      return undefined;
    },
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.messaging.all });
      if (!result) void navigate(`${PATHS.messages}?tab=requests`);
    },
  });
  const mute = useMutation({
    mutationFn: (muted: boolean) => muteConversation(conversationId, muted),
    onSuccess: (result) => queryClient.setQueryData(key, result),
  });
  const leave = useMutation({
    mutationFn: () => leaveConversation(conversationId),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.messaging.all });
      void navigate(PATHS.messages);
    },
  });

  const seenLabel = useMemo(() => {
    if (!conversation) return undefined;
    const mine = [...messages].reverse().find((m) => m.author?.id === viewerId && !m.deleted);
    if (!mine) return undefined;
    const seenBy = conversation.members.filter((m) => m.id !== viewerId && m.lastReadSeq >= mine.seq);
    if (seenBy.length === 0) return undefined;
    return {
      seq: mine.seq,
      label:
        conversation.kind === 'direct'
          ? t('conversation.seen')
          : t('conversation.seenBy', { names: seenBy.map((m) => m.displayName).join(', ') }),
    };
  }, [conversation, messages, viewerId, t]);

  if (detail.isError) return <p role="alert">{detail.error.message}</p>;
  if (!conversation) return <p className="loading">{t('common:status.loading')}</p>;

  const name = conversationName(conversation, viewerId);
  const others = conversation.members.filter((m) => m.id !== viewerId);
  const onChanged = (m: MessageDto) => merge([m]);

  return (
    <div className="conversation">
      <div className="conversation__header">
        <h1>{name}</h1>
        {conversation.kind === 'group' && (
          <p className="conversation__members">
            {t('conversation.members', { names: conversation.members.map((m) => m.displayName).join(', ') })}
          </p>
        )}
        <div className="conversation__tools">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => mute.mutate(!conversation.me.muted)}
          >
            {conversation.me.muted ? t('conversation.unmute') : t('conversation.mute')}
          </button>
          {conversation.can.addMembers && (
            <AddMembersButton
              conversationId={conversationId}
              onAdded={(updated) => queryClient.setQueryData(key, { conversation: updated })}
            />
          )}
          {conversation.can.leave && (
            <button type="button" className="button button--secondary" onClick={() => leave.mutate()}>
              {t('conversation.leave')}
            </button>
          )}
        </div>
      </div>
      {conversation.can.answerRequest && (
        <div className="notice" role="region" aria-label={t('inbox.requests')}>
          <p>
            {conversation.kind === 'direct'
              ? t('conversation.request', { name: others[0]?.displayName ?? '' })
              : t('conversation.requestGroup')}
          </p>
          <button type="button" className="button" onClick={() => answer.mutate(true)}>
            {t('conversation.accept')}
          </button>{' '}
          <button type="button" className="button button--secondary" onClick={() => answer.mutate(false)}>
            {t('conversation.decline')}
          </button>
        </div>
      )}
      <section aria-labelledby="history-heading" className="conversation__history">
        <h2 id="history-heading" className="visually-hidden">
          {t('conversation.history')}
        </h2>
        {hasOlder ? (
          <button type="button" className="button button--secondary" onClick={() => void loadOlder()}>
            {loadingOlder ? t('conversation.loadingOlder') : t('conversation.older')}
          </button>
        ) : (
          loaded && (
            <p className="conversation__start">
              {conversation.me.joinedSeq > 0 ? t('conversation.joinedLater') : t('conversation.start')}
            </p>
          )
        )}
        {error && <p role="alert">{error}</p>}
        <ol className="message-list">
          {messages.map((m) => (
            <MessageItem
              key={m.id}
              message={m}
              viewerId={viewerId}
              onChanged={onChanged}
              seenLabel={seenLabel?.seq === m.seq ? seenLabel.label : undefined}
            />
          ))}
        </ol>
      </section>
      <div className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>
      <div className="conversation__compose">
        <p className="typing" aria-live="polite">
          {typingNames.length > 0 ? t('conversation.typing', { name: typingNames.join(', ') }) : ''}
        </p>
        {conversation.can.send ? (
          <Composer conversationId={conversationId} onSent={(m) => merge([m])} onTyping={notifyTyping} />
        ) : (
          <p className="notice">
            {conversation.me.state === 'requested'
              ? t('conversation.answerFirst')
              : t('conversation.cannotSend')}
          </p>
        )}
      </div>
      {others.some((m) => m.state === 'requested') && conversation.kind === 'direct' && (
        <p className="field__hint">{t('conversation.pendingSent')}</p>
      )}
      <div ref={conversationEnd} aria-hidden="true" />
    </div>
  );
}
