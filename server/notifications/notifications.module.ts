import { notificationApi } from '@shared/api/notifications';
import type { Translator } from '@server/i18n/i18n';
import { apiRoutes, type FeatureModule } from '@server/http/module';
import type { UnsubscribeTokens } from '@server/mail';
import type { NotificationService } from './notification.service';
import { notificationEvents, type NotificationLive } from './notification.live';
import { notificationHandlers } from './notification.routes';
import { notificationData } from './notification.data';
import { unsubscribeRoutes } from './unsubscribe.routes';

/**
 * Notifications: the member's list and delivery settings, the one-click unsubscribe pages, and who
 * hears of what (written with the event, delivered live after it).
 */
export function notificationsModule(deps: {
  notifications: NotificationService;
  live: NotificationLive;
  unsubscribeTokens: UnsubscribeTokens;
  translator: Translator;
}): FeatureModule {
  return {
    name: 'notifications',
    routes: [apiRoutes(notificationApi, notificationHandlers(deps.notifications))],
    events: notificationEvents(deps.notifications, deps.live),
    personalData: [notificationData],
    pages: [
      {
        handler: unsubscribeRoutes({
          tokens: deps.unsubscribeTokens,
          notifications: deps.notifications,
          translator: deps.translator,
        }),
      },
    ],
  };
}
