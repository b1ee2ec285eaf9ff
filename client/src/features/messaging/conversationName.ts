import type { ConversationDto } from '@shared/api/messaging';

/** What a conversation is called for its viewer: the group's title, or the other members' names. */
export function conversationName(conversation: ConversationDto, viewerId: string): string {
  if (conversation.title) return conversation.title;
  const others = conversation.members.filter((m) => m.id !== viewerId).map((m) => m.displayName);
  return others.join(', ');
}

/** A message's text without Markdown syntax, shortened, for previews and announcements. */
export function plainPreview(markdown: string, max = 120): string {
  const text = markdown
    .replace(/[*_`>#~[\]()!]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
