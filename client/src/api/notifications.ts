import { notificationApi, type UpdatePreferencesRequest } from '@shared/api/notifications';
import { call } from './call';

/** The member's notifications, a page at a time. */
export const fetchNotifications = (cursor?: string) => call(notificationApi.list, { query: { cursor } });

/** How many notifications are unread. */
export const fetchNotificationCount = () => call(notificationApi.unread);

/** Marks one notification read. */
export const markNotificationRead = (id: string) => call(notificationApi.read, { params: { id } });

/** Marks every notification read. */
export const markAllNotificationsRead = () => call(notificationApi.readAll);

/** How the member wants to hear about each kind. */
export const fetchPreferences = () => call(notificationApi.preferences);

/** Saves delivery preferences. */
export const savePreferences = (body: UpdatePreferencesRequest) =>
  call(notificationApi.updatePreferences, { body });
