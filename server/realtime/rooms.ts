/** Room names: the server alone decides who is in which. */
export const rooms = {
  user: (memberId: string) => `user:${memberId}`,
  session: (sessionId: string) => `session:${sessionId}`,
  thread: (threadId: string) => `thread:${threadId}`,
  conversation: (conversationId: string) => `conversation:${conversationId}`,
} as const;

/** A room's kind (`thread` of `thread:<id>`; a name without a colon is its own kind) and its id part. */
export function roomKind(room: string): { kind: string; id: string } {
  const colon = room.indexOf(':');
  return colon < 0 ? { kind: room, id: '' } : { kind: room.slice(0, colon), id: room.slice(colon + 1) };
}
