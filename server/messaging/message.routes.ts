import { Router } from 'express';
import {
  editMessageSchema,
  messagePageSchema,
  reportMessageSchema,
  sendMessageSchema,
  type MessagePageResponse,
  type MessageResponse,
} from '@shared/api/messaging';
import { currentMember, requireMember } from '@server/http/guards';
import { parseInput } from '@server/http/validate';
import type { MessageService } from './message.service';
import { idParam, type MessagingEvents } from './messaging.events';

/** Messages of a conversation: history and catch-up, send, edit, delete, report. */
export function messageRoutes(messages: MessageService, events: MessagingEvents): Router {
  const router = Router();
  router.use('/conversations', requireMember());

  router.get('/conversations/:id/messages', async (req, res) => {
    const query = parseInput(messagePageSchema, req.query);
    const body: MessagePageResponse = await messages.list(currentMember(req), idParam(req, 'id'), query);
    res.json(body);
  });

  router.post('/conversations/:id/messages', async (req, res) => {
    const id = idParam(req, 'id');
    const input = parseInput(sendMessageSchema, req.body);
    const { message, created } = await messages.send(currentMember(req), id, input);
    if (created) events.created(message);
    const body: MessageResponse = { message };
    res.status(created ? 201 : 200).json(body);
  });

  router.patch('/conversations/:id/messages/:messageId', async (req, res) => {
    const input = parseInput(editMessageSchema, req.body);
    const { message, hiddenFrom } = await messages.edit(
      currentMember(req),
      idParam(req, 'id'),
      idParam(req, 'messageId'),
      input.body,
    );
    events.updated(message, hiddenFrom);
    const body: MessageResponse = { message };
    res.json(body);
  });

  router.delete('/conversations/:id/messages/:messageId', async (req, res) => {
    const { message, hiddenFrom } = await messages.remove(
      currentMember(req),
      idParam(req, 'id'),
      idParam(req, 'messageId'),
    );
    events.updated(message, hiddenFrom);
    const body: MessageResponse = { message };
    res.json(body);
  });

  router.post('/conversations/:id/messages/:messageId/report', async (req, res) => {
    const input = parseInput(reportMessageSchema, req.body);
    const report = await messages.report(
      currentMember(req),
      idParam(req, 'id'),
      idParam(req, 'messageId'),
      input,
    );
    res.status(201).json({ report });
  });

  return router;
}
