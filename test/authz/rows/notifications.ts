import { randomUUID } from 'node:crypto';
import { notifications } from '@server/db/schema';
import {
  membersOnly,
  probe,
  receivers,
  type AuthzContext,
  type AuthzEventRow,
  type AuthzRow,
} from '../matrix';
import { buildThread } from '../../helpers/factories';
import { signedInMember } from '../../helpers/messaging';

/** A fresh unread notification of `owner`'s, written as a reply to its post would. */
async function ownersNotification(ctx: AuthzContext): Promise<string> {
  const [row] = await ctx.app.db
    .insert(notifications)
    .values({
      memberId: ctx.owner.id,
      kind: 'reply_to_post',
      groupKey: `matrix:${randomUUID()}`,
      title: 'A reply from the matrix',
      link: '/',
      sourceId: randomUUID(),
    })
    .returning({ id: notifications.id });
  if (!row) throw new Error('no notification');
  return row.id;
}

/** A member's own notifications: any signed-in member, about their own; never a visitor. */
export const rows: AuthzRow[] = [
  probe('get', '/notifications', membersOnly(200)),
  probe('get', '/notifications/unread', membersOnly(200)),
  probe('post', '/notifications/read-all', membersOnly(200)),
  // Someone else's notification (here `owner`'s) is the same 404 as none, to staff too.
  {
    method: 'post',
    path: '/api/v1/notifications/:id/read',
    prepare: async (ctx) => ({ url: `/api/v1/notifications/${await ownersNotification(ctx)}/read` }),
    expect: membersOnly(404, { owner: 200 }),
  },
  probe('get', '/notifications/preferences', membersOnly(200)),
  probe('put', '/notifications/preferences', membersOnly(200), { digest: 'weekly' }),
];

/** A thread of `owner`'s: replies to it notify the owner (authors follow their threads). */
async function ownersThreadId(ctx: AuthzContext): Promise<string> {
  return (await buildThread(ctx.owner, { categoryId: ctx.category.id, kind: 'discussion' })).id;
}

/** Another member replies to a thread through HTTP. */
async function replyTo(ctx: AuthzContext, threadId: string): Promise<void> {
  const replier = await signedInMember(ctx.app.url);
  const res = await replier.client.send('post', `/api/v1/threads/${threadId}/posts`, {
    body: 'A reply that notifies the author',
  });
  if (res.status !== 201) throw new Error(`reply answered ${res.status}`);
}

/** Notifications go to the notified member's own room: of the actors, `owner` alone. */
export const eventRows: AuthzEventRow[] = [
  {
    event: 'notification:created',
    async trigger(ctx) {
      await replyTo(ctx, await ownersThreadId(ctx));
    },
    receives: receivers('owner'),
  },
  {
    event: 'notification:read',
    // Something unread first, so that reading changes the count.
    async prepare(ctx) {
      await replyTo(ctx, await ownersThreadId(ctx));
      return {};
    },
    async trigger(ctx) {
      const res = await ctx.clients.owner.send('post', '/api/v1/notifications/read-all');
      if (res.status !== 200) throw new Error(`read-all answered ${res.status}`);
    },
    receives: receivers('owner'),
  },
];
