/** Room names: the server alone decides who is in which. */
export const rooms = {
  user: (memberId: string) => `user:${memberId}`,
  session: (sessionId: string) => `session:${sessionId}`,
  thread: (threadId: string) => `thread:${threadId}`,
  conversation: (conversationId: string) => `conversation:${conversationId}`,
} as const;
