import { useCallback, useEffect, useMemo, useState } from 'react';
import type { MessageDto } from '@shared/api/messaging';
import { fetchMessages } from '@client/api/messaging';
import { useSocket } from '@client/realtime/RealtimeProvider';
import { MessageSync } from './message-sync';

const PAGE = 50;

/**
 * The messages of one conversation, by seq, kept equal to the database's by `MessageSync`: live
 * messages are appended when they follow the last one held; on a gap, and after every reconnect, the
 * missing ones are fetched with `afterSeq`.
 */
export function useConversationMessages(conversationId: string) {
  const socket = useSocket();
  const [bySeq, setBySeq] = useState<Map<number, MessageDto>>(new Map());
  const [hasOlder, setHasOlder] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // One sync per conversation: what is held, and the catch-up protocol (message-sync.ts).
  const sync = useMemo(
    () =>
      new MessageSync(
        (afterSeq) => fetchMessages(conversationId, { afterSeq, limit: 200 }),
        (items) =>
          setBySeq((previous) => {
            const next = new Map(previous);
            for (const m of items) next.set(m.seq, m);
            return next;
          }),
        (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
      ),
    [conversationId],
  );
  const merge = useCallback((items: MessageDto[]) => sync.merge(items), [sync]);

  useEffect(() => {
    let cancelled = false;
    setBySeq(new Map());
    setLoaded(false);
    fetchMessages(conversationId, { limit: PAGE }).then(
      (page) => {
        if (cancelled) return;
        merge(page.items);
        setHasOlder(page.hasMore);
        setLoaded(true);
      },
      (e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [conversationId, merge]);

  useEffect(() => {
    const onCreated = ({ conversationId: id, message }: { conversationId: string; message: MessageDto }) => {
      if (id === conversationId) sync.created(message);
    };
    const onUpdated = ({ conversationId: id, message }: { conversationId: string; message: MessageDto }) => {
      if (id === conversationId) merge([message]);
    };
    const onHello = () => {
      socket.emit('conversation:join', { conversationId });
      sync.connected();
    };
    socket.on('message:created', onCreated);
    socket.on('message:updated', onUpdated);
    socket.on('hello', onHello);
    return () => {
      socket.off('message:created', onCreated);
      socket.off('message:updated', onUpdated);
      socket.off('hello', onHello);
    };
  }, [socket, conversationId, merge, sync]);

  const messages = useMemo(() => [...bySeq.values()].sort((a, b) => a.seq - b.seq), [bySeq]);

  const loadOlder = useCallback(async () => {
    const first = messages[0];
    if (!first || loadingOlder) return;
    setLoadingOlder(true);
    try {
      const page = await fetchMessages(conversationId, { beforeSeq: first.seq, limit: PAGE });
      merge(page.items);
      setHasOlder(page.hasMore);
    } finally {
      setLoadingOlder(false);
    }
  }, [conversationId, messages, merge, loadingOlder]);

  return { messages, loaded, hasOlder, loadOlder, loadingOlder, error, merge };
}
