import { Router } from 'express';
import {
  addMembersSchema,
  conversationListSchema,
  markReadSchema,
  muteSchema,
  startConversationSchema,
  type ConversationListResponse,
  type ConversationResponse,
  type UnreadResponse,
} from '@shared/api/messaging';
import { currentMember, requireMember } from '@server/http/guards';
import { parseInput } from '@server/http/validate';
import type { ConversationService } from './conversation.service';
import { idParam, type MessagingEvents } from './messaging.events';

/** Conversations: list, start, read one, answer requests, membership, mute, read marks, unread badge. */
export function conversationRoutes(conversations: ConversationService, events: MessagingEvents): Router {
  const router = Router();
  router.use('/conversations', requireMember());

  router.get('/conversations', async (req, res) => {
    const query = parseInput(conversationListSchema, req.query);
    const body: ConversationListResponse = await conversations.list(currentMember(req), query);
    res.json(body);
  });

  router.get('/conversations/unread', async (req, res) => {
    const body: UnreadResponse = await conversations.unread(currentMember(req));
    res.json(body);
  });

  router.post('/conversations', async (req, res) => {
    const input = parseInput(startConversationSchema, req.body);
    const change = await conversations.start(currentMember(req), input);
    events.changed(change.conversation.id, change);
    if (change.message && change.messageCreated) events.created(change.message);
    const body: ConversationResponse = { conversation: change.conversation, message: change.message };
    res.status(change.created ? 201 : 200).json(body);
  });

  router.get('/conversations/:id', async (req, res) => {
    const body: ConversationResponse = {
      conversation: await conversations.view(currentMember(req), idParam(req, 'id')),
    };
    res.json(body);
  });

  router.post('/conversations/:id/accept', async (req, res) => {
    const change = await conversations.accept(currentMember(req), idParam(req, 'id'));
    events.changed(change.conversation.id, change);
    const body: ConversationResponse = { conversation: change.conversation };
    res.json(body);
  });

  router.post('/conversations/:id/decline', async (req, res) => {
    const id = idParam(req, 'id');
    const change = await conversations.decline(currentMember(req), id);
    events.left(id, change.left, change.notify);
    res.status(204).end();
  });

  router.post('/conversations/:id/leave', async (req, res) => {
    const id = idParam(req, 'id');
    const change = await conversations.leave(currentMember(req), id);
    events.left(id, change.left, change.notify);
    res.status(204).end();
  });

  router.post('/conversations/:id/members', async (req, res) => {
    const id = idParam(req, 'id');
    const input = parseInput(addMembersSchema, req.body);
    const change = await conversations.addMembers(currentMember(req), id, input);
    events.changed(id, change);
    const body: ConversationResponse = { conversation: change.conversation };
    res.json(body);
  });

  router.put('/conversations/:id/mute', async (req, res) => {
    const id = idParam(req, 'id');
    const input = parseInput(muteSchema, req.body);
    const body: ConversationResponse = {
      conversation: await conversations.mute(currentMember(req), id, input.muted),
    };
    res.json(body);
  });

  router.post('/conversations/:id/read', async (req, res) => {
    const id = idParam(req, 'id');
    const input = parseInput(markReadSchema, req.body);
    const member = currentMember(req);
    const seq = await conversations.markRead(member, id, input.seq);
    if (seq !== null) events.read(id, member.id, seq);
    res.status(204).end();
  });

  return router;
}
