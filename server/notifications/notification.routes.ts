import { Router } from 'express';
import { listNotificationsSchema, updatePreferencesSchema } from '@shared/api/notifications';
import { parseInput } from '@server/http/validate';
import { currentMember, requireMember } from '@server/http/guards';
import { idParam } from '@server/messaging/messaging.events';
import type { NotificationService } from './notification.service';
import type { NotificationLive } from './notification.live';

/** The member's notifications and notification preferences (`/api/v1/notifications...`). */
export function notificationRoutes(notifications: NotificationService, live: NotificationLive): Router {
  const router = Router();
  router.use('/notifications', requireMember());

  router.get('/notifications', async (req, res) => {
    const query = parseInput(listNotificationsSchema, req.query);
    res.json(await notifications.list(currentMember(req).id, query));
  });

  router.get('/notifications/unread', async (req, res) => {
    res.json({ unread: await notifications.unread(currentMember(req).id) });
  });

  router.post('/notifications/read-all', async (req, res) => {
    const member = currentMember(req);
    const unread = await notifications.markAllRead(member.id);
    live.read(member.id, unread);
    res.json({ unread });
  });

  router.post('/notifications/:id/read', async (req, res) => {
    const member = currentMember(req);
    const unread = await notifications.markRead(member.id, idParam(req, 'id'));
    live.read(member.id, unread);
    res.json({ unread });
  });

  router.get('/notifications/preferences', async (req, res) => {
    res.json(await notifications.preferences(currentMember(req).id));
  });

  router.put('/notifications/preferences', async (req, res) => {
    const input = parseInput(updatePreferencesSchema, req.body);
    res.json(await notifications.updatePreferences(currentMember(req).id, input));
  });

  return router;
}
