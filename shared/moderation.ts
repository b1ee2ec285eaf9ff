/**
 * The moderation vocabulary, shared by the schema's CHECK constraints, the API's validation and the
 * client. Declared once here; everything else imports it.
 */

/** What a member can flag. A flagged message is copied into the queue item; nothing else of the conversation is. */
export const FLAG_TARGETS = ['post', 'thread', 'message', 'profile'] as const;
export type FlagTarget = (typeof FLAG_TARGETS)[number];

/** Why a member flags something. */
export const FLAG_REASONS = [
  'spam',
  'harassment',
  'off_topic',
  'misinformation',
  'confidential',
  'other',
] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

/**
 * What put an item in the review queue: members' flags, a new member's first posts, a watched word,
 * or an appeal against a suspension or a removal.
 */
export const QUEUE_ITEM_KINDS = ['flag', 'new_member_post', 'watched_word', 'appeal'] as const;
export type QueueItemKind = (typeof QUEUE_ITEM_KINDS)[number];

/** What a queue item is about: content, or a member (profiles, suspensions). */
export const QUEUE_TARGETS = ['post', 'thread', 'message', 'profile', 'member'] as const;
export type QueueTarget = (typeof QUEUE_TARGETS)[number];

/** A queue item's state. Open and in-progress items are "open" for grouping new flags. */
export const QUEUE_STATUSES = ['open', 'in_progress', 'resolved', 'dismissed'] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

/** Why a post is hidden from readers (authors and moderators still see it, labelled). */
export const HIDDEN_REASONS = ['flags', 'moderator', 'pending_review'] as const;
export type HiddenReason = (typeof HIDDEN_REASONS)[number];

/** Suspension lengths offered to moderators; `null` is indefinite. */
export const SUSPENSION_DAYS = [1, 3, 7, 30] as const;

/** What a member is told about a moderator's action on them or their content; they may appeal it once. */
export const NOTICE_KINDS = ['warning', 'suspension', 'removal'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** What a watched word does when it appears in a post, a title or a profile. */
export const WATCHED_WORD_ACTIONS = ['block', 'require_approval', 'flag'] as const;
export type WatchedWordAction = (typeof WATCHED_WORD_ACTIONS)[number];

/** Pinned within its category, or on every list. */
export const PIN_SCOPES = ['category', 'global'] as const;
export type PinScope = (typeof PIN_SCOPES)[number];

/** Limits of moderation inputs, shared by validation, constraints and forms. */
export const MODERATION_LIMITS = {
  flagNoteMax: 500,
  reasonMax: 500,
  noteMax: 2000,
  appealMax: 2000,
  watchedWordMax: 60,
  slowModeMinutesMax: 1440,
} as const;
