import { useQuery } from '@tanstack/react-query';
import { fetchUnread } from '@client/api/messaging';
import { queryKeys } from '@client/api/queryKeys';

/** Unread messages and pending requests of the signed-in member, for the header badge. */
export function useUnread(enabled: boolean) {
  return useQuery({ queryKey: queryKeys.messaging.unread, queryFn: fetchUnread, enabled, staleTime: 10_000 });
}
