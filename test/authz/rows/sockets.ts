import { randomUUID } from 'node:crypto';
import { AUTHZ_ACTORS, type AuthzActor, type AuthzClientEventRow } from '../matrix';

const all = (answer: string, overrides: Partial<Record<AuthzActor, string>> = {}) => ({
  ...(Object.fromEntries(AUTHZ_ACTORS.map((actor) => [actor, answer])) as Record<AuthzActor, string>),
  ...overrides,
});

/**
 * What each client event answers about a thread or conversation that does not exist: nobody may watch
 * or join it, visitors may not take part in conversations at all, and leaving a room one is not in is
 * harmless.
 */
export const clientEventRows: AuthzClientEventRow[] = [
  {
    event: 'thread:watch',
    payload: () => ({ threadId: randomUUID() }),
    expect: all('not_found'),
  },
  {
    event: 'thread:unwatch',
    payload: () => ({ threadId: randomUUID() }),
    expect: all('ok'),
  },
  {
    event: 'conversation:join',
    payload: () => ({ conversationId: randomUUID() }),
    expect: all('not_found', { anonymous: 'unauthenticated' }),
  },
  {
    event: 'typing',
    payload: () => ({ conversationId: randomUUID() }),
    expect: all('not_found', { anonymous: 'unauthenticated' }),
  },
];
