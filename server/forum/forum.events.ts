import { EventEmitter } from 'node:events';

/** Members mentioned in a post that was just committed; notifications subscribe to it. */
export interface MentionEvent {
  postId: string;
  threadId: string;
  authorId: string;
  handles: string[];
}

/** A post (reply or opening post) that was just committed. */
export interface PostCreatedEvent {
  postId: string;
  threadId: string;
  authorId: string;
}

/** Domain events of the forum, emitted after the transaction that caused them committed. */
export interface ForumEvents {
  'post.mentioned': [MentionEvent];
  'post.created': [PostCreatedEvent];
}

/** A typed in-process bus for forum domain events (no sockets: the realtime layer is separate). */
export function createForumEvents() {
  return new EventEmitter<ForumEvents>();
}

/** The forum's domain event bus. */
export type ForumEventBus = ReturnType<typeof createForumEvents>;
