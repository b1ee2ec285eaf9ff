import { useCallback, useEffect, useRef, useState } from 'react';
import { MESSAGING_LIMITS } from '@shared/api/messaging';
import type { TypingPayload } from '@shared/events';
import { useSocket } from '@client/realtime/RealtimeProvider';

/** Who else is typing in a conversation (each expires 5 s after their last signal), and a throttled notifier. */
export function useTyping(conversationId: string, viewerId: string) {
  const socket = useSocket();
  const [typers, setTypers] = useState<Map<string, { name: string; until: number }>>(new Map());
  const lastSent = useRef(0);

  useEffect(() => {
    const onTyping = (p: TypingPayload) => {
      if (p.conversationId !== conversationId || p.memberId === viewerId) return;
      setTypers((prev) =>
        new Map(prev).set(p.memberId, {
          name: p.displayName,
          until: Date.now() + MESSAGING_LIMITS.typingExpiresMs,
        }),
      );
    };
    const onMessage = ({
      conversationId: id,
      message,
    }: {
      conversationId: string;
      message: { author: { id: string } | null };
    }) => {
      if (id !== conversationId) return;
      setTypers((prev) => {
        const authorId = message.author?.id;
        if (!authorId || !prev.has(authorId)) return prev;
        const next = new Map(prev);
        next.delete(authorId);
        return next;
      });
    };
    socket.on('typing', onTyping);
    socket.on('message:created', onMessage);
    const timer = setInterval(() => {
      setTypers((prev) => {
        const now = Date.now();
        if (![...prev.values()].some((v) => v.until <= now)) return prev;
        return new Map([...prev].filter(([, v]) => v.until > now));
      });
    }, 1000);
    return () => {
      socket.off('typing', onTyping);
      socket.off('message:created', onMessage);
      clearInterval(timer);
    };
  }, [socket, conversationId, viewerId]);

  const notifyTyping = useCallback(() => {
    const now = Date.now();
    if (now - lastSent.current < MESSAGING_LIMITS.typingThrottleMs) return;
    lastSent.current = now;
    socket.emit('typing', { conversationId });
  }, [socket, conversationId]);

  return { typingNames: [...typers.values()].map((v) => v.name), notifyTyping };
}
