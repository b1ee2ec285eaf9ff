import { z } from '../zod';
import { idParams, route } from '../contract';

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
export const notificationDto = z.object({
  id: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  actor: z.object({ handle: z.string(), displayName: z.string() }).nullable(),
  /** Thread title or conversation subject. */
  title: z.string(),
  /** Path inside the app to the exact post or conversation. */
  link: z.string(),
  count: z.number().int(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
/** One notification as the client shows it. */
export type NotificationDto = z.infer<typeof notificationDto>;

/** A page of notifications. */
export const notificationPage = z.object({
  items: z.array(notificationDto),
  nextCursor: z.string().nullable(),
  unread: z.number().int(),
});
/** A page of notifications. */
export type NotificationPage = z.infer<typeof notificationPage>;

/** How many notifications are unread, after reading some. */
export const unreadCount = z.object({ unread: z.number().int() });

/** Query of the notifications list. */
export const listNotificationsSchema = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

/** Preferences as stored and sent. */
export const notificationPreferencesDto = z.object({
  kinds: z.record(z.enum(NOTIFICATION_KINDS), z.enum(DELIVERY_MODES)),
  digest: z.enum(DIGEST_FREQUENCIES),
  timeZone: z.string(),
});
/** Preferences as stored and sent. */
export type NotificationPreferencesDto = z.infer<typeof notificationPreferencesDto>;

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

/** The member's notifications and how they are delivered. */
export const notificationApi = {
  list: route({
    method: 'GET',
    path: '/notifications',
    summary: 'The signed-in member\u2019s notifications, newest first.',
    access: 'member',
    query: listNotificationsSchema,
    response: notificationPage,
  }),
  unread: route({
    method: 'GET',
    path: '/notifications/unread',
    summary: 'How many notifications are unread.',
    access: 'member',
    response: unreadCount,
  }),
  readAll: route({
    method: 'POST',
    path: '/notifications/read-all',
    summary: 'Marks every notification read.',
    access: 'member',
    response: unreadCount,
  }),
  read: route({
    method: 'POST',
    path: '/notifications/:id/read',
    summary: 'Marks one notification read.',
    access: 'member',
    params: idParams,
    response: unreadCount,
  }),
  preferences: route({
    method: 'GET',
    path: '/notifications/preferences',
    summary: 'How the member wants to hear about each kind of notification, and their digest.',
    access: 'member',
    response: notificationPreferencesDto,
  }),
  updatePreferences: route({
    method: 'PUT',
    path: '/notifications/preferences',
    summary: 'Changes any of the delivery preferences.',
    access: 'member',
    body: updatePreferencesSchema,
    response: notificationPreferencesDto,
  }),
};
