import type {
  NotificationPage,
  NotificationPreferencesDto,
  UpdatePreferencesRequest,
} from '@shared/api/notifications';
import { apiRequest } from './request';

/** `GET /api/v1/notifications` */
export const fetchNotifications = (cursor?: string) =>
  apiRequest<NotificationPage>(
    'GET',
    cursor ? `/notifications?cursor=${encodeURIComponent(cursor)}` : '/notifications',
  );

/** `GET /api/v1/notifications/unread` */
export const fetchNotificationCount = () => apiRequest<{ unread: number }>('GET', '/notifications/unread');

/** `POST /api/v1/notifications/:id/read` */
export const markNotificationRead = (id: string) =>
  apiRequest<{ unread: number }>('POST', `/notifications/${encodeURIComponent(id)}/read`);

/** `POST /api/v1/notifications/read-all` */
export const markAllNotificationsRead = () =>
  apiRequest<{ unread: number }>('POST', '/notifications/read-all');

/** `GET /api/v1/notifications/preferences` */
export const fetchPreferences = () =>
  apiRequest<NotificationPreferencesDto>('GET', '/notifications/preferences');

/** `PUT /api/v1/notifications/preferences` */
export const savePreferences = (body: UpdatePreferencesRequest) =>
  apiRequest<NotificationPreferencesDto>('PUT', '/notifications/preferences', body);
