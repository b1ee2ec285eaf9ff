import { expect } from 'chai';
import { eq } from 'drizzle-orm';
import { posts, threads } from '@server/db/schema';
import { getTestApp } from '../helpers/app';
import { buildCategory, buildMember, buildReply, buildThread, setMemberStatus } from '../helpers/factories';
import { acceptedConversation, sendMessage, signedInMember } from '../helpers/messaging';
import { signedInAs } from '../helpers/staff';
import { flag, itemDetail, queue } from '../helpers/moderation';
import { ApiClient } from '../helpers/http';

describe('moderation: flags', function () {
  this.timeout(30_000);

  const postOfSomeone = async (readAccess: 'public' | 'members' | 'moderators' = 'public') => {
    const author = await buildMember({ role: readAccess === 'moderators' ? 'admin' : 'member' });
    const category = await buildCategory({ readAccess });
    const thread = await buildThread(author, {
      categoryId: category.id,
      title: `Datos abiertos ${Date.now()}`,
    });
    const reply = await buildReply(author, thread.id, { body: 'Compren mi curso milagroso' });
    return { author, thread, reply, category };
  };

  describe('POST /api/v1/flags', () => {
    it('refuses visitors with 401', async () => {
      const { reply } = await postOfSomeone();
      const client = new ApiClient((await getTestApp()).url);
      const res = await client.send('post', '/api/v1/flags', {
        targetType: 'post',
        targetId: reply.id,
        reason: 'spam',
      });
      expect(res.status).to.equal(401);
    });

    it('refuses bad input with a localized 400 and stores nothing', async () => {
      const member = await signedInMember(undefined, 'es');
      const { reply } = await postOfSomeone();
      const res = await member.client.send('post', '/api/v1/flags', {
        targetType: 'post',
        targetId: reply.id,
        reason: 'boring',
      });
      expect(res.status).to.equal(400);
      expect(res.body.error.fields).to.have.property('reason');
      const staff = await signedInAs('moderator');
      expect(
        (await queue(staff.client, '?targetType=post&limit=50')).items.map((i) => i.targetId),
      ).not.to.include(reply.id);
    });

    it('refuses pending and suspended members (403)', async () => {
      const { reply } = await postOfSomeone();
      const member = await signedInMember();
      await setMemberStatus(member.id, 'pending');
      const res = await member.client.send('post', '/api/v1/flags', {
        targetType: 'post',
        targetId: reply.id,
        reason: 'spam',
      });
      expect(res.status).to.equal(403);
      expect(res.body.error.code).to.equal('account_pending');
    });

    it('answers 404 for a post the member cannot read', async () => {
      const { reply } = await postOfSomeone('moderators');
      const member = await signedInMember();
      const res = await member.client.send('post', '/api/v1/flags', {
        targetType: 'post',
        targetId: reply.id,
        reason: 'spam',
      });
      expect(res.status).to.equal(404);
    });

    it('refuses a second open flag on the same target with a localized 409', async () => {
      const { reply } = await postOfSomeone();
      const member = await signedInMember(undefined, 'pt');
      await flag(member.client, 'post', reply.id);
      const again = await member.client.send('post', '/api/v1/flags', {
        targetType: 'post',
        targetId: reply.id,
        reason: 'harassment',
      });
      expect(again.status).to.equal(409);
      expect(again.body.error.code).to.equal('already_flagged');
      expect(again.body.error.message).to.equal(
        'Você já denunciou este conteúdo. A equipe de moderação está analisando.',
      );
    });

    it('refuses flagging one’s own content', async () => {
      const member = await signedInMember();
      const thread = await buildThread(member);
      const res = await member.client.send('post', '/api/v1/flags', {
        targetType: 'thread',
        targetId: thread.id,
        reason: 'spam',
      });
      expect(res.status).to.equal(403);
      expect(res.body.error.code).to.equal('flag_own_content');
    });
  });

  describe('grouping and hiding', () => {
    it('joins flags of several members into one item with their reasons and notes', async () => {
      const { reply } = await postOfSomeone();
      const a = await signedInMember();
      const b = await signedInMember();
      const first = await flag(a.client, 'post', reply.id, 'spam', 'Es publicidad');
      const second = await flag(b.client, 'post', reply.id, 'off_topic');
      expect(second).to.equal(first);
      const staff = await signedInAs('moderator');
      const detail = await itemDetail(staff.client, first);
      expect(detail.item.flagCount).to.equal(2);
      expect(detail.flags.map((f) => f.reason)).to.have.members(['spam', 'off_topic']);
      expect(detail.flags.map((f) => f.note)).to.include('Es publicidad');
      expect(detail.flags.map((f) => f.reporter?.id)).to.have.members([a.id, b.id]);
      expect(detail.snapshot.html).to.contain('Compren mi curso milagroso');
      expect(detail.reasonCounts).to.deep.include({ reason: 'spam', count: 1 });
    });

    it('hides a post once flagsToHide distinct members flagged it, and records it', async () => {
      const app = await getTestApp();
      const { reply } = await postOfSomeone();
      const reporters = await Promise.all([1, 2, 3].map(() => signedInMember()));
      for (const [index, reporter] of reporters.entries()) {
        await flag(reporter.client, 'post', reply.id);
        const [row] = await app.db.select().from(posts).where(eq(posts.id, reply.id));
        if (index < app.config.flagsToHide - 1) expect(row?.hiddenAt).to.equal(null);
        else {
          expect(row?.hiddenAt).to.be.an.instanceOf(Date);
          expect(row?.hiddenReason).to.equal('flags');
        }
      }
      const staff = await signedInAs('admin');
      const audit = await staff.client.get(`/api/v1/moderation/audit?targetType=post&targetId=${reply.id}`);
      expect(audit.body.items.map((e: { action: string }) => e.action)).to.deep.equal(['post.hide']);
      expect(audit.body.items[0].actor).to.equal(null);
    });

    it('hides a whole thread flagged by flagsToHide members (threads.hidden_at)', async () => {
      const app = await getTestApp();
      const author = await buildMember();
      const thread = await buildThread(author);
      for (let i = 0; i < app.config.flagsToHide; i += 1) {
        const reporter = await signedInMember();
        await flag(reporter.client, 'thread', thread.id, 'misinformation');
      }
      const [row] = await app.db.select().from(threads).where(eq(threads.id, thread.id));
      expect(row?.hiddenReason).to.equal('flags');
    });
  });

  describe('messages', () => {
    it('copies only the flagged message; the moderator still cannot read the conversation', async () => {
      const a = await signedInMember();
      const b = await signedInMember();
      const conversation = await acceptedConversation(a, b, 'Hola, ¿cómo va el plan de acción?');
      await sendMessage(a, conversation.id, 'Otro mensaje privado que nadie más debe leer');
      const bad = await sendMessage(a, conversation.id, 'Mensaje ofensivo');
      await sendMessage(a, conversation.id, 'Y uno después');
      const itemId = await flag(b.client, 'message', bad.id, 'harassment');
      const staff = await signedInAs('admin');
      const detail = await itemDetail(staff.client, itemId);
      expect(detail.snapshot.html).to.contain('Mensaje ofensivo');
      expect(detail.snapshot.author?.id).to.equal(a.id);
      expect(detail.snapshot.writtenAt).to.be.a('string');
      expect(JSON.stringify(detail)).not.to.contain('Otro mensaje privado');
      expect(JSON.stringify(detail)).not.to.contain('Y uno después');
      expect(JSON.stringify(detail)).not.to.contain(conversation.id);
      expect((await staff.client.get(`/api/v1/conversations/${conversation.id}/messages`)).status).to.equal(
        404,
      );
      expect((await staff.client.get(`/api/v1/conversations/${conversation.id}`)).status).to.equal(404);
    });

    it('answers 404 for a message of a conversation the member is not in', async () => {
      const a = await signedInMember();
      const b = await signedInMember();
      const outsider = await signedInMember();
      const conversation = await acceptedConversation(a, b);
      const message = await sendMessage(a, conversation.id, 'privado');
      const res = await outsider.client.send('post', '/api/v1/flags', {
        targetType: 'message',
        targetId: message.id,
        reason: 'spam',
      });
      expect(res.status).to.equal(404);
    });
  });

  it('flags a profile into an item without a category', async () => {
    const target = await buildMember();
    const member = await signedInMember();
    const itemId = await flag(member.client, 'profile', target.id, 'other', 'Se hace pasar por un ministro');
    const staff = await signedInAs('moderator');
    const detail = await itemDetail(staff.client, itemId);
    expect(detail.item.categoryId).to.equal(null);
    expect(detail.item.subject?.id).to.equal(target.id);
  });
});
