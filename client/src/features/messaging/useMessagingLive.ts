import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useSocket } from '@client/realtime/RealtimeProvider';
import { queryKeys } from '@client/api/queryKeys';

/**
 * Keeps the inbox lists and the header badge current: any message, read mark or membership change the
 * server announces makes them refetch (they are small), and so does a reconnect, which may follow missed
 * events.
 */
export function useMessagingLive(signedIn: boolean): void {
  const socket = useSocket();
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!signedIn) return;
    const refresh = () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.messaging.unread });
      void queryClient.invalidateQueries({ queryKey: queryKeys.messaging.lists });
    };
    const changed = ({ conversationId }: { conversationId: string }) => {
      refresh();
      void queryClient.invalidateQueries({ queryKey: queryKeys.messaging.conversation(conversationId) });
    };
    socket.on('message:created', refresh);
    socket.on('conversation:read', refresh);
    socket.on('conversation:changed', changed);
    socket.on('hello', refresh);
    return () => {
      socket.off('message:created', refresh);
      socket.off('conversation:read', refresh);
      socket.off('conversation:changed', changed);
      socket.off('hello', refresh);
    };
  }, [socket, queryClient, signedIn]);
}
