import { expect } from 'chai';
import { eq } from 'drizzle-orm';
import { auditLog, members, moderationNotices, postRevisions, posts, threads } from '@server/db/schema';
import { getTestApp } from '../helpers/app';
import { buildMember, buildReply, buildThread, unique } from '../helpers/factories';
import {
  acceptedConversation,
  memberSocket,
  nextEvent,
  sendMessage,
  signedInMember,
  type SignedIn,
} from '../helpers/messaging';
import { nextDisconnect } from '../helpers/sockets';
import { signedInAs } from '../helpers/staff';
import { act, flag, itemDetail } from '../helpers/moderation';
import type { NotificationPage } from '@shared/api/notifications';

describe('moderation: actions', function () {
  this.timeout(30_000);

  const flaggedReply = async (reporterLocale: 'es' | 'pt' | 'en' | 'fr' = 'es') => {
    const author = await signedInMember();
    const thread = await buildThread(author, { title: `Presupuesto abierto ${unique()}` });
    const reply = await buildReply(author, thread.id, { body: 'Texto dudoso' });
    const reporter = await signedInMember(undefined, reporterLocale);
    const itemId = await flag(reporter.client, 'post', reply.id, 'spam');
    return { author, thread, reply, reporter, itemId };
  };
  const row = async (table: typeof posts, id: string) => {
    const app = await getTestApp();
    const [found] = await app.db.select().from(table).where(eq(table.id, id));
    return found;
  };
  const notificationsOf = async (member: SignedIn) =>
    (await member.client.get('/api/v1/notifications')).body as NotificationPage;

  it('dismisses: the item closes, content hidden by flags comes back, the reporter is told in their language', async () => {
    const app = await getTestApp();
    const { reply, itemId, reporter, thread } = await flaggedReply('es');
    await app.db
      .update(posts)
      .set({ hiddenAt: new Date(), hiddenReason: 'flags' })
      .where(eq(posts.id, reply.id));
    const moderator = await signedInAs('moderator');
    const detail = await act(moderator.client, itemId, 'dismiss');
    expect(detail.item.status).to.equal('dismissed');
    expect((await row(posts, reply.id))?.hiddenAt).to.equal(null);
    const [note] = (await notificationsOf(reporter)).items;
    expect(note?.kind).to.equal('moderation');
    const [threadRow] = await app.db.select().from(threads).where(eq(threads.id, thread.id));
    expect(note?.title).to.equal(`${threadRow?.title}: revisado, no hizo falta actuar`);
    const again = await moderator.client.send('post', `/api/v1/moderation/items/${itemId}/hide`, {});
    expect(again.status).to.equal(409);
    expect(again.body.error.code).to.equal('item_closed');
  });

  it('hides and unhides the content; a French reporter hears it in French', async () => {
    const { reply, itemId, reporter, thread } = await flaggedReply('fr');
    const moderator = await signedInAs('moderator');
    await act(moderator.client, itemId, 'hide', { reason: 'Fuera de lugar' });
    expect((await row(posts, reply.id))?.hiddenReason).to.equal('moderator');
    const [threadRow] = await (await getTestApp()).db.select().from(threads).where(eq(threads.id, thread.id));
    const [note] = (await notificationsOf(reporter)).items;
    expect(note?.title).to.equal(`${threadRow?.title} : masqué par la modération`);
    expect(note?.link).to.equal(`/t/${thread.id}#post-${reply.id}`);
    await act(moderator.client, itemId, 'unhide');
    expect((await row(posts, reply.id))?.hiddenAt).to.equal(null);
  });

  it('deletes a post (soft, the reply count drops) and sends the author a removal notice; a reason is required', async () => {
    const { reply, itemId, author, thread } = await flaggedReply('pt');
    const moderator = await signedInAs('moderator');
    const before = (await row(threads as unknown as typeof posts, thread.id)) as unknown as {
      replyCount: number;
    };
    const noReason = await moderator.client.send('post', `/api/v1/moderation/items/${itemId}/delete`, {});
    expect(noReason.status).to.equal(400);
    await act(moderator.client, itemId, 'delete', { reason: 'Publicidad engañosa' });
    expect((await row(posts, reply.id))?.deletedAt).to.be.an.instanceOf(Date);
    const after = (await row(threads as unknown as typeof posts, thread.id)) as unknown as {
      replyCount: number;
    };
    expect(after.replyCount).to.equal(before.replyCount - 1);
    const notices = await author.client.get('/api/v1/notices');
    expect(notices.body.items[0]).to.include({
      kind: 'removal',
      reason: 'Publicidad engañosa',
      appealable: true,
    });
    const notes = await notificationsOf(author);
    expect(notes.items[0]?.kind).to.equal('moderation');
    expect(notes.items[0]?.link).to.equal('/notices');
  });

  it('deletes a thread (deleted_at)', async () => {
    const author = await buildMember();
    const thread = await buildThread(author);
    const reporter = await signedInMember();
    const itemId = await flag(reporter.client, 'thread', thread.id, 'spam');
    const moderator = await signedInAs('admin');
    await act(moderator.client, itemId, 'delete', { reason: 'Spam' });
    const app = await getTestApp();
    const [found] = await app.db.select().from(threads).where(eq(threads.id, thread.id));
    expect(found?.deletedAt).to.be.an.instanceOf(Date);
  });

  it('edits a post with a revision by the moderator and the before/after in the audit log', async () => {
    const app = await getTestApp();
    const { reply, itemId } = await flaggedReply();
    const moderator = await signedInAs('moderator');
    await act(moderator.client, itemId, 'edit', { body: 'Texto corregido', reason: 'Datos personales' });
    expect((await row(posts, reply.id))?.bodySource).to.equal('Texto corregido');
    const revisions = await app.db.select().from(postRevisions).where(eq(postRevisions.postId, reply.id));
    expect(revisions.map((r) => [r.editorId, r.bodySource])).to.deep.equal([[moderator.id, 'Texto dudoso']]);
    const entries = await app.db.select().from(auditLog).where(eq(auditLog.targetId, reply.id));
    const edit = entries.find((e) => e.action === 'post.edit');
    expect(edit?.before).to.deep.equal({ excerpt: 'Texto dudoso', revisionId: revisions[0]?.id });
    expect(edit?.after).to.deep.equal({ excerpt: 'Texto corregido' });
    expect(edit?.actorId).to.equal(moderator.id);
  });

  it('warns the member: a warning notice and a moderation notification', async () => {
    const app = await getTestApp();
    const { author, itemId } = await flaggedReply();
    const moderator = await signedInAs('moderator');
    await act(moderator.client, itemId, 'warn', { reason: 'Primer aviso: nada de publicidad' });
    const notices = await app.db
      .select()
      .from(moderationNotices)
      .where(eq(moderationNotices.memberId, author.id));
    expect(notices.map((n) => [n.kind, n.reason])).to.deep.equal([
      ['warning', 'Primer aviso: nada de publicidad'],
    ]);
    expect((await notificationsOf(author)).items.map((n) => n.kind)).to.include('moderation');
    const list = await author.client.get('/api/v1/notices');
    expect(list.body.items[0]).to.include({ kind: 'warning', appealable: false });
  });

  it('tells the member of each notice apart, titled in their language', async () => {
    const author = await signedInMember(undefined, 'en');
    const thread = await buildThread(author, { title: `Dos avisos ${unique()}` });
    const reporter = await signedInMember();
    const moderator = await signedInAs('moderator');
    for (const body of ['Primer texto dudoso', 'Segundo texto dudoso']) {
      const reply = await buildReply(author, thread.id, { body });
      const itemId = await flag(reporter.client, 'post', reply.id, 'spam');
      await act(moderator.client, itemId, 'warn', { reason: 'Nada de publicidad' });
    }
    const told = (await notificationsOf(author)).items.filter((n) => n.kind === 'moderation');
    expect(told.map((n) => [n.title, n.count])).to.deep.equal([
      ['A warning from the moderation team', 1],
      ['A warning from the moderation team', 1],
    ]);
  });

  it('tells a reporter of each flagged item apart', async () => {
    const author = await signedInMember();
    const thread = await buildThread(author, { title: `Dos respuestas ${unique()}` });
    const reporter = await signedInMember(undefined, 'es');
    const moderator = await signedInAs('moderator');
    for (const body of ['Primera respuesta dudosa', 'Segunda respuesta dudosa']) {
      const reply = await buildReply(author, thread.id, { body });
      await act(moderator.client, await flag(reporter.client, 'post', reply.id, 'spam'), 'dismiss');
    }
    const told = (await notificationsOf(reporter)).items.filter((n) => n.kind === 'moderation');
    expect(told.map((n) => n.count)).to.deep.equal([1, 1]);
  });

  it('tells a reporter the outcome live, on their open sockets', async () => {
    const app = await getTestApp();
    const { itemId, reporter } = await flaggedReply('en');
    const socket = await memberSocket(app.url, reporter);
    try {
      const created = nextEvent<{ notification: { kind: string } }>(socket, 'notification:created');
      await act((await signedInAs('moderator')).client, itemId, 'dismiss');
      expect((await created).notification.kind).to.equal('moderation');
    } finally {
      socket.disconnect();
    }
  });

  it('refuses an action that does not apply (hide a profile, uphold a flag)', async () => {
    const target = await buildMember();
    const reporter = await signedInMember();
    const itemId = await flag(reporter.client, 'profile', target.id);
    const moderator = await signedInAs('admin');
    const hide = await moderator.client.send('post', `/api/v1/moderation/items/${itemId}/hide`, {});
    expect(hide.status).to.equal(409);
    expect(hide.body.error.code).to.equal('action_not_applicable');
    const uphold = await moderator.client.send('post', `/api/v1/moderation/items/${itemId}/uphold`, {});
    expect(uphold.status).to.equal(409);
  });

  describe('suspension', () => {
    it('suspends: writes refused at once, sockets disconnected, a notice with the reason', async () => {
      const app = await getTestApp();
      const { author, itemId, thread } = await flaggedReply();
      const socket = await memberSocket(app.url, author);
      const disconnected = nextDisconnect(socket);
      const moderator = await signedInAs('moderator');
      const bad = await moderator.client.send('post', `/api/v1/moderation/items/${itemId}/suspend`, {
        days: 2,
        reason: 'x',
      });
      expect(bad.status).to.equal(400);
      await act(moderator.client, itemId, 'suspend', { days: 7, reason: 'Publicidad reiterada' });
      const reason = await Promise.race([
        disconnected,
        new Promise<string>((_, reject) =>
          setTimeout(() => reject(new Error('still connected after 2 s')), 2000),
        ),
      ]);
      expect(reason).to.equal('io server disconnect');
      const [m] = await app.db.select().from(members).where(eq(members.id, author.id));
      expect(m?.status).to.equal('suspended');
      expect(m?.suspensionReason).to.equal('Publicidad reiterada');
      const days = (m!.suspendedUntil!.getTime() - Date.now()) / 86_400_000;
      expect(days).to.be.within(6.9, 7.01);
      const write = await author.client.send('post', `/api/v1/threads/${thread.id}/posts`, { body: 'Hola' });
      expect(write.status).to.equal(403);
      expect(write.body.error.code).to.equal('account_suspended');
      const notices = await author.client.get('/api/v1/notices');
      expect(notices.status).to.equal(200);
      expect(notices.body.items[0]).to.include({
        kind: 'suspension',
        reason: 'Publicidad reiterada',
        appealable: true,
      });
    });

    it('suspends indefinitely and reinstates through the member routes', async () => {
      const app = await getTestApp();
      const member = await signedInMember();
      const moderator = await signedInAs('admin');
      const res = await moderator.client.send('post', `/api/v1/moderation/members/${member.id}/suspend`, {
        days: null,
        reason: 'Acoso',
      });
      expect(res.status).to.equal(200);
      let [m] = await app.db.select().from(members).where(eq(members.id, member.id));
      expect(m).to.include({ status: 'suspended', suspendedUntil: null });
      const back = await moderator.client.send(
        'post',
        `/api/v1/moderation/members/${member.id}/reinstate`,
        {},
      );
      expect(back.status).to.equal(200);
      [m] = await app.db.select().from(members).where(eq(members.id, member.id));
      expect(m).to.include({ status: 'active', suspensionReason: null });
      const again = await moderator.client.send(
        'post',
        `/api/v1/moderation/members/${member.id}/reinstate`,
        {},
      );
      expect(again.status).to.equal(409);
      const warn = await moderator.client.send('post', `/api/v1/moderation/members/${member.id}/warn`, {
        reason: 'Cuidado con el tono',
      });
      expect(warn.status).to.equal(200);
      const entries = await app.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.targetId, member.id))
        .orderBy(auditLog.id);
      expect(entries.map((e) => e.action)).to.deep.equal([
        'member.suspend',
        'member.reinstate',
        'member.warn',
      ]);
    });

    it('refuses suspending staff, and refuses scoped moderators', async () => {
      const other = await buildMember({ role: 'moderator' });
      const admin = await signedInAs('admin');
      const res = await admin.client.send('post', `/api/v1/moderation/members/${other.id}/suspend`, {
        days: 1,
        reason: 'No',
      });
      expect(res.status).to.equal(403);
    });

    it('ends by itself once suspended_until passes (on the next request, and by the sweep)', async () => {
      const app = await getTestApp();
      const member = await signedInMember();
      const other = await buildMember();
      const moderator = await signedInAs('admin');
      for (const id of [member.id, other.id]) {
        await moderator.client.send('post', `/api/v1/moderation/members/${id}/suspend`, {
          days: 1,
          reason: 'Un día',
        });
      }
      const past = new Date(Date.now() - 1000);
      await app.db.update(members).set({ suspendedUntil: past }).where(eq(members.id, member.id));
      await app.db.update(members).set({ suspendedUntil: past }).where(eq(members.id, other.id));
      const session = await member.client.get('/api/v1/session');
      expect(session.body.user.status).to.equal('active');
      const lifted = await (
        await import('@server/members/member.service')
      )
        .createMemberService(app.db)
        .liftExpiredSuspensions();
      expect(lifted).to.include(other.id);
      const [o] = await app.db.select().from(members).where(eq(members.id, other.id));
      expect(o).to.include({ status: 'active', suspendedUntil: null, suspensionReason: null });
    });
  });

  it('never lets a member-level action through for a plain member or a visitor', async () => {
    const member = await signedInMember();
    const target = await buildMember();
    const res = await member.client.send('post', `/api/v1/moderation/members/${target.id}/suspend`, {
      days: 1,
      reason: 'x',
    });
    expect(res.status).to.equal(403);
  });

  it('messages: deleting a flagged message keeps the conversation closed to moderators', async () => {
    const a = await signedInMember();
    const b = await signedInMember();
    const conversation = await acceptedConversation(a, b);
    const message = await sendMessage(a, conversation.id, 'Insulto');
    const itemId = await flag(b.client, 'message', message.id, 'harassment');
    const admin = await signedInAs('admin');
    await act(admin.client, itemId, 'delete', { reason: 'Acoso' });
    const detail = await itemDetail(admin.client, itemId);
    expect(detail.state.deleted).to.equal(true);
    const history = await b.client.get(`/api/v1/conversations/${conversation.id}/messages`);
    const deleted = (history.body.items as { id: string; deleted?: boolean; body?: string }[]).find(
      (m) => m.id === message.id,
    );
    expect(JSON.stringify(deleted)).not.to.contain('Insulto');
  });

  it('messages: tells the reporter of a message, which has no title, about "your flag"', async () => {
    const a = await signedInMember();
    const b = await signedInMember(undefined, 'en');
    const conversation = await acceptedConversation(a, b);
    const message = await sendMessage(a, conversation.id, 'Algo dudoso');
    const itemId = await flag(b.client, 'message', message.id, 'spam');
    await act((await signedInAs('admin')).client, itemId, 'dismiss');
    const told = (await notificationsOf(b)).items.filter((n) => n.kind === 'moderation');
    expect(told.map((n) => n.title)).to.deep.equal(['your flag: reviewed, no action needed']);
  });
});
