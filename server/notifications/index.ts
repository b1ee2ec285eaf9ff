/**
 * The public module of the notifications feature: in-app notifications, their live delivery and the e-mail
 * digest. Other features import only from here (`@server/notifications`), never its queries, routes or
 * tables; the composition root imports its route handler factories and socket registrations from here too.
 */
export {
  createDigestScheduler,
  DEFAULT_DIGEST_OPTIONS,
  type DigestScheduler,
  type DigestSchedulerOptions,
} from './digest.scheduler';
export { createDigestService } from './digest.service';
export { notificationData } from './notification.data';
export { notificationLive, type NotificationLive } from './notification.live';
export { notificationHandlers } from './notification.routes';
export { createNotificationService, type NotificationService } from './notification.service';
export { unsubscribeRoutes } from './unsubscribe.routes';
