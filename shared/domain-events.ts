/**
 * The domain events of Ágora, declared once: what happened, in the words of the features that make it
 * happen. A service records an event inside the transaction of the write it describes
 * (`recordEvent(tx, …)` in server/events); after the transaction commits, one dispatcher hands each
 * event to the listeners the feature modules declare — live delivery to sockets, notifications and
 * e-mail — in a defined order. An event whose transaction rolled back never happened: nobody hears of it.
 *
 * Events carry ids and the facts read inside the transaction (who may hear of a post, a message as
 * presented); listeners read the rest they present (a post as watchers now see it) after the commit.
 */

import type { MessageDto } from './api/messaging';

/** Who should hear about a new post; every id listed may read the thread. */
export interface PostAudience {
  postId: string;
  threadId: string;
  threadTitle: string;
  authorId: string;
  /** The author of the post replied to (not for opening posts, not the author themself). */
  parentAuthorId: string | null;
  mentionedIds: string[];
  followerIds: string[];
}

/** An accepted answer: its author hears about it. */
export interface AcceptedAnswer {
  postId: string;
  threadId: string;
  threadTitle: string;
  answerAuthorId: string;
  acceptedById: string;
}

/** Who should hear about a new message: present members other than the author who did not mute it. */
export interface MessageAudience {
  conversationId: string;
  messageId: string;
  seq: number;
  authorId: string;
  /** The group's title; null for direct conversations. */
  title: string | null;
  recipients: { memberId: string; requested: boolean }[];
}

/** Every domain event, by name, with what it carries. */
export interface DomainEvents {
  /** A post became visible to readers: a reply, an opening post, a held post approved (`audience`: null when its author's account is gone). */
  'post.created': { postId: string; threadId: string; audience: PostAudience | null };
  /**
   * A post changed for its readers: edited, deleted, hidden or shown again, reacted to. `threadChanged`
   * when the thread's shared state changed with it (a deletion moves the counters).
   */
  'post.updated': { postId: string; threadId: string; threadChanged: boolean };
  /** A thread's shared state changed: title, tags, accepted answer, pin, lock, category, merge… */
  'thread.updated': { threadId: string };
  /** Fewer people may read a thread now (hidden, deleted, merged, moved): its watchers are re-checked. */
  'thread.access.narrowed': { threadId: string };
  /** A category was created or edited (its names, order, default language, archived or not). */
  'category.changed': { categoryId: string };
  /** A category's read access changed: every watched thread is re-checked. */
  'category.access.changed': { categoryId: string };
  /** A thread's author accepted an answer. */
  'answer.accepted': AcceptedAnswer;
  /** A message was appended to a conversation (a new conversation's first message too), as presented. */
  'message.created': { conversationId: string; message: MessageDto; audience: MessageAudience };
  /** A message was edited or deleted; those who joined after it was sent do not see it. */
  'message.updated': { conversationId: string; message: MessageDto; hiddenFrom: string[] };
  /** Members joined a conversation (`joined`), members were affected by a change to it (`notify`). */
  'conversation.changed': { conversationId: string; joined: string[]; notify: string[] };
  /** A member left or declined a conversation; `notify` are the members told about it. */
  'conversation.left': { conversationId: string; memberId: string; notify: string[] };
  /** A member read a conversation up to `seq`. */
  'conversation.read': { conversationId: string; memberId: string; seq: number };
  /** Notifications were written with `sourceId` as their source: they are delivered live. */
  'notifications.written': { sourceId: string };
  /** A member read notifications; `unread` is their badge now. */
  'notifications.read': { memberId: string; unread: number };
  /** An item of the moderation queue was opened or changed. */
  'moderation.item.changed': { itemId: string };
  /** A member's sessions all ended or they may no longer take part (suspended, password reset): their sockets close. */
  'member.access.revoked': { memberId: string };
  /**
   * A member's powers changed (role, moderator scopes, second factor turned off): the rooms their
   * sockets are in are re-checked.
   */
  'member.powers.changed': { memberId: string };
  /** Sessions ended (sign-out, revocation, a new sign-in replacing one): their sockets close. */
  'sessions.ended': { sessionIds: string[] };
  /** E-mails were written to the outbox: the worker is woken once they committed. */
  'mail.queued': Record<never, never>;
}

/** The name of a domain event. */
export type DomainEventType = keyof DomainEvents;

/** One domain event of a given name, as recorded. */
export type DomainEventOf<K extends DomainEventType> = { type: K } & DomainEvents[K];

/** Any domain event. */
export type DomainEvent = { [K in DomainEventType]: DomainEventOf<K> }[DomainEventType];
