import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MessageDto } from '@shared/api/messaging';
import { fetchMessages } from '@client/api/messaging';
import { useSocket } from '@client/realtime/RealtimeProvider';

const PAGE = 50;

/**
 * The messages of one conversation, by seq. Live messages are appended when they follow the last one
 * held; on a gap, and after every reconnect, the missing ones are fetched with `afterSeq`, so the
 * database, not the socket, decides what the page shows.
 */
export function useConversationMessages(conversationId: string) {
  const socket = useSocket();
  const [bySeq, setBySeq] = useState<Map<number, MessageDto>>(new Map());
  const [hasOlder, setHasOlder] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const maxSeq = useRef(0);
  const catchingUp = useRef<Promise<void> | null>(null);

  const merge = useCallback((items: MessageDto[]) => {
    if (items.length === 0) return;
    for (const m of items) maxSeq.current = Math.max(maxSeq.current, m.seq);
    setBySeq((previous) => {
      const next = new Map(previous);
      for (const m of items) next.set(m.seq, m);
      return next;
    });
  }, []);

  const catchUp = useCallback(async () => {
    for (;;) {
      const page = await fetchMessages(conversationId, { afterSeq: maxSeq.current, limit: 200 });
      merge(page.items);
      if (!page.hasMore || page.items.length === 0) return;
    }
  }, [conversationId, merge]);

  const scheduleCatchUp = useCallback(() => {
    catchingUp.current ??= catchUp()
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => {
        catchingUp.current = null;
      });
  }, [catchUp]);

  useEffect(() => {
    let cancelled = false;
    maxSeq.current = 0;
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
      if (id !== conversationId) return;
      if (message.seq <= maxSeq.current + 1) merge([message]);
      else scheduleCatchUp();
    };
    const onUpdated = ({ conversationId: id, message }: { conversationId: string; message: MessageDto }) => {
      if (id === conversationId) merge([message]);
    };
    const onHello = () => {
      socket.emit('conversation:join', { conversationId });
      scheduleCatchUp();
    };
    socket.on('message:created', onCreated);
    socket.on('message:updated', onUpdated);
    socket.on('hello', onHello);
    return () => {
      socket.off('message:created', onCreated);
      socket.off('message:updated', onUpdated);
      socket.off('hello', onHello);
    };
  }, [socket, conversationId, merge, scheduleCatchUp]);

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
