import { useSuspenseQuery } from '@tanstack/react-query';
import type { SessionResponse } from '@shared/api/session';
import { sessionQuery } from '@client/api/session';

/** The current session; rendered only under <SessionGate>, which waits for its first answer. */
export function useSession(): SessionResponse {
  return useSuspenseQuery(sessionQuery).data;
}
