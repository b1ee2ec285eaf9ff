/** Query keys of the messaging feature. */
export const messagingKeys = {
  all: ['messaging'] as const,
  unread: ['messaging', 'unread'] as const,
  list: (tab: 'inbox' | 'requests') => ['messaging', 'list', tab] as const,
  conversation: (id: string) => ['messaging', 'conversation', id] as const,
};
