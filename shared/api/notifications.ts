import { z } from 'zod';

/** Kinds of notification a member can receive. */
export const NOTIFICATION_KINDS = [
  'reply_to_post',
  'reply_in_followed',
  'mention',
  'answer_accepted',
  'message',
  'message_request',
  'moderation',
  'membership_approved',
] as const;
/** A kind of notification. */
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** How a member wants to hear about one kind. */
export const DELIVERY_MODES = ['in_app', 'email', 'digest', 'off'] as const;
/** A delivery mode. */
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

/** Defaults: mentions and messages by e-mail, followed threads in the digest, the rest in the app. */
export const DEFAULT_DELIVERY: Record<NotificationKind, DeliveryMode> = {
  reply_to_post: 'in_app',
  reply_in_followed: 'digest',
  mention: 'email',
  answer_accepted: 'in_app',
  message: 'email',
  message_request: 'email',
  moderation: 'in_app',
  membership_approved: 'email',
};

/** Digest frequencies; `off` sends none. */
export const DIGEST_FREQUENCIES = ['daily', 'weekly', 'off'] as const;
/** A digest frequency. */
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];

/** Kinds of e-mail a member can unsubscribe from with one click: each notification kind, and the digest. */
export const MAIL_KINDS = [...NOTIFICATION_KINDS, 'digest'] as const;
/** A kind of unsubscribable e-mail. */
export type MailKind = (typeof MAIL_KINDS)[number];

/** One notification as the client shows it (grouped per thread: `count` events collapsed). */
export interface NotificationDto {
  id: string;
  kind: NotificationKind;
  actor: { handle: string; displayName: string } | null;
  /** Thread title or conversation subject. */
  title: string;
  /** Path inside the app to the exact post or conversation. */
  link: string;
  count: number;
  readAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A page of notifications. */
export interface NotificationPage {
  items: NotificationDto[];
  nextCursor: string | null;
  unread: number;
}

/** Query of the notifications list. */
export const listNotificationsSchema = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

/** Preferences as stored and sent. */
export interface NotificationPreferencesDto {
  kinds: Record<NotificationKind, DeliveryMode>;
  digest: DigestFrequency;
  timeZone: string;
}

/** Update of preferences (any subset). */
export const updatePreferencesSchema = z.strictObject({
  kinds: z.partialRecord(z.enum(NOTIFICATION_KINDS), z.enum(DELIVERY_MODES)).optional(),
  digest: z.enum(DIGEST_FREQUENCIES).optional(),
  timeZone: z
    .string()
    .max(64)
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'invalid_time_zone')
    .optional(),
});
/** Update of preferences. */
export type UpdatePreferencesRequest = z.infer<typeof updatePreferencesSchema>;
