import { expect } from 'chai';
import { eq } from 'drizzle-orm';
import { auditLog, members, posts, threads } from '@server/db/schema';
import { getTestApp, startTestApp, type TestApp } from '../helpers/app';
import { buildCategory, buildMember, buildReply, buildThread, unique } from '../helpers/factories';
import { acceptedConversation, sendMessage, signedInMember } from '../helpers/messaging';
import { signedInAs, signedInAsScoped } from '../helpers/staff';
import { act, flag, itemDetail, itemIdOf, queue } from '../helpers/moderation';
import { ApiClient } from '../helpers/http';
import type { AuditPage, NoticeDto, PublicLogPage } from '@shared/api/moderation';

describe('moderation: notices, appeals and logs', function () {
  this.timeout(60_000);

  const removedReply = async (readAccess: 'public' | 'members' = 'public') => {
    const author = await signedInMember();
    const category = await buildCategory({ readAccess });
    const title = `Participación ciudadana ${unique()}`;
    const thread = await buildThread(author, { categoryId: category.id, title });
    const reply = await buildReply(author, thread.id);
    const reporter = await signedInMember();
    const itemId = await flag(
      reporter.client,
      'post',
      reply.id,
      'harassment',
      'nota privada del denunciante',
    );
    return { author, thread, reply, itemId, title, reporter };
  };

  describe('appeals', () => {
    it('a suspended member reads their notice and appeals once; overturning reinstates them', async () => {
      const app = await getTestApp();
      const member = await signedInMember();
      const admin = await signedInAs('admin');
      await admin.client.send('post', `/api/v1/moderation/members/${member.id}/suspend`, {
        days: 30,
        reason: 'Spam',
      });
      const list = await member.client.get('/api/v1/notices');
      expect(list.status).to.equal(200);
      const notice = (list.body.items as NoticeDto[])[0]!;
      expect(notice).to.include({ kind: 'suspension', appealable: true });
      const empty = await member.client.send('post', `/api/v1/notices/${notice.id}/appeal`, { body: '' });
      expect(empty.status).to.equal(400);
      const res = await member.client.send('post', `/api/v1/notices/${notice.id}/appeal`, {
        body: 'Fue un error: era un anuncio oficial',
      });
      expect(res.status).to.equal(201);
      expect(res.body.notice.appealable).to.equal(false);
      const twice = await member.client.send('post', `/api/v1/notices/${notice.id}/appeal`, {
        body: 'Otra vez',
      });
      expect(twice.status).to.equal(409);
      expect(twice.body.error.code).to.equal('already_appealed');

      const itemId = await itemIdOf(notice.id);
      const appeals = await queue(admin.client, '?kind=appeal&limit=50');
      expect(appeals.items.map((i) => i.id)).to.include(itemId);
      const detail = await itemDetail(admin.client, itemId);
      expect(detail.item.targetType).to.equal('member');
      expect(detail.snapshot.appeal?.body).to.equal('Fue un error: era un anuncio oficial');
      await act(admin.client, itemId, 'overturn', { reason: 'Tenía razón' });
      const [m] = await app.db.select().from(members).where(eq(members.id, member.id));
      expect(m?.status).to.equal('active');
      const after = (await member.client.get('/api/v1/notices')).body.items as NoticeDto[];
      expect(after[0]?.appeal?.outcome).to.equal('overturned');
      const notes = await member.client.get('/api/v1/notifications');
      expect(notes.body.items.map((n: { kind: string }) => n.kind)).to.include('moderation');
      // After the decision, still once only.
      expect(
        (await member.client.send('post', `/api/v1/notices/${notice.id}/appeal`, { body: 'x' })).status,
      ).to.equal(409);
    });

    it('overturning a removal restores the content; upholding leaves it', async () => {
      const app = await getTestApp();
      const moderator = await signedInAs('moderator');
      const one = await removedReply();
      const two = await removedReply();
      for (const case_ of [one, two])
        await act(moderator.client, case_.itemId, 'delete', { reason: 'Acoso' });
      for (const [case_, action] of [
        [one, 'overturn'],
        [two, 'uphold'],
      ] as const) {
        const notice = ((await case_.author.client.get('/api/v1/notices')).body.items as NoticeDto[])[0]!;
        expect(notice.kind).to.equal('removal');
        expect(notice.title).to.equal(case_.title);
        await case_.author.client.send('post', `/api/v1/notices/${notice.id}/appeal`, {
          body: 'Por favor revisen',
        });
        await act(moderator.client, await itemIdOf(notice.id), action);
      }
      const [restored] = await app.db.select().from(posts).where(eq(posts.id, one.reply.id));
      const [still] = await app.db.select().from(posts).where(eq(posts.id, two.reply.id));
      expect(restored?.deletedAt).to.equal(null);
      expect(still?.deletedAt).to.be.an.instanceOf(Date);
    });

    it('refuses appeals against warnings and others’ notices', async () => {
      const member = await signedInMember();
      const other = await signedInMember();
      const admin = await signedInAs('admin');
      await admin.client.send('post', `/api/v1/moderation/members/${member.id}/warn`, { reason: 'Tono' });
      const notice = ((await member.client.get('/api/v1/notices')).body.items as NoticeDto[])[0]!;
      const res = await member.client.send('post', `/api/v1/notices/${notice.id}/appeal`, { body: 'No' });
      expect(res.status).to.equal(409);
      expect(res.body.error.code).to.equal('not_appealable');
      expect(
        (await other.client.send('post', `/api/v1/notices/${notice.id}/appeal`, { body: 'No' })).status,
      ).to.equal(404);
      expect((await new ApiClient(admin.client.baseUrl).get('/api/v1/notices')).status).to.equal(401);
    });
  });

  describe('audit log', () => {
    it('is read-only over HTTP (no route changes or deletes entries); staff filter and page it', async () => {
      const admin = await signedInAs('admin');
      const { itemId, reply } = await removedReply();
      await act(admin.client, itemId, 'hide', { reason: 'Oculto' });
      const res = await admin.client.get(`/api/v1/moderation/audit?action=post.hide&actorId=${admin.id}`);
      expect(res.status).to.equal(200);
      expect(res.body.items.map((e: { targetId: string }) => e.targetId)).to.include(reply.id);
      for (const method of ['put', 'patch', 'delete'] as const) {
        const changed = await admin.client.send(method, '/api/v1/moderation/audit');
        expect(changed.status).to.be.oneOf([404, 405]);
      }
      const member = await signedInMember();
      expect((await member.client.get('/api/v1/moderation/audit')).status).to.equal(403);
      const page = await admin.client.get('/api/v1/moderation/audit?limit=1');
      expect(page.body.nextCursor).to.be.a('string');
      const next = await admin.client.get(`/api/v1/moderation/audit?limit=1&cursor=${page.body.nextCursor}`);
      expect(Number(next.body.items[0].id)).to.be.lessThan(Number(page.body.items[0].id));
    });
  });

  describe('audit log for scoped moderators', () => {
    it('shows a scoped moderator only entries about content in their categories, and no member-wide ones', async () => {
      const admin = await signedInAs('admin');
      const mine = await removedReply();
      const other = await removedReply();
      const scoped = await signedInAsScoped([mine.thread.categoryId]);
      await act(admin.client, mine.itemId, 'hide', { reason: 'En su categoría' });
      await act(admin.client, other.itemId, 'hide', { reason: 'En otra categoría' });
      await admin.client.send('post', `/api/v1/moderation/members/${other.author.id}/warn`, {
        reason: 'Aviso a todo el miembro',
      });
      const seen = async (client: ApiClient) => {
        const res = await client.get('/api/v1/moderation/audit?limit=100');
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        return (res.body as AuditPage).items;
      };
      const scopedItems = await seen(scoped.client);
      const reasons = scopedItems.map((e) => e.reason);
      expect(reasons).to.include('En su categoría');
      expect(reasons).not.to.include('En otra categoría');
      expect(reasons).not.to.include('Aviso a todo el miembro');
      expect(scopedItems.every((e) => e.targetType === 'post' || e.targetType === 'thread')).to.equal(true);
      // Asking for another category's target by id, or for member-wide actions, finds nothing either.
      const byTarget = await scoped.client.get(`/api/v1/moderation/audit?targetId=${other.reply.id}`);
      expect((byTarget.body as AuditPage).items).to.deep.equal([]);
      const byAction = await scoped.client.get('/api/v1/moderation/audit?action=member.warn');
      expect((byAction.body as AuditPage).items).to.deep.equal([]);
      // Moderators of every category see everything.
      const all = (await seen(admin.client)).map((e) => e.reason);
      expect(all).to.include.members(['En su categoría', 'En otra categoría', 'Aviso a todo el miembro']);
    });

    it('keeps an excerpt and the revision of an edited post or thread, not the whole text', async () => {
      const admin = await signedInAs('admin');
      const author = await signedInMember();
      const tail = `final-${unique()}`;
      const body = `${'Texto largo de la publicación. '.repeat(20)}${tail}`;
      const thread = await buildThread(author, { body });
      const reply = await buildReply(author, thread.id, { body });
      const reporter = await signedInMember();
      for (const [type, id] of [
        ['thread', thread.id],
        ['post', reply.id],
      ] as const) {
        const itemId = await flag(reporter.client, type, id, 'spam');
        const newTail = `nuevo-${unique()}`;
        await act(admin.client, itemId, 'edit', { body: `${'Texto corregido. '.repeat(30)}${newTail}` });
        const res = await admin.client.get(`/api/v1/moderation/audit?action=${type}.edit&targetId=${id}`);
        const [entry] = (res.body as AuditPage).items;
        const text = JSON.stringify(entry);
        expect(text, type).not.to.contain(tail);
        expect(text, type).not.to.contain(newTail);
        const before = entry?.before as { excerpt: string; revisionId: string };
        expect(before.excerpt.startsWith('Texto largo de la publicación.')).to.equal(true);
        expect(before.revisionId).to.be.a('string');
        expect((entry?.after as { excerpt: string }).excerpt.startsWith('Texto corregido.')).to.equal(true);
      }
    });
  });

  describe('public moderation log', () => {
    it('lists actions on public content with the thread and the reason, and nothing private', async () => {
      const app = await getTestApp();
      const moderator = await signedInAs('moderator');
      const pub = await removedReply('public');
      const priv = await removedReply('members');
      await act(moderator.client, pub.itemId, 'hide', { reason: 'Ataque personal' });
      await act(moderator.client, priv.itemId, 'hide', { reason: 'Motivo de espacio privado' });
      const a = await signedInMember();
      const b = await signedInMember();
      const conversation = await acceptedConversation(a, b);
      const message = await sendMessage(a, conversation.id, 'Mensaje secreto');
      const messageItem = await flag(b.client, 'message', message.id, 'harassment', 'nota sobre el mensaje');
      await act(moderator.client, messageItem, 'delete', { reason: 'Motivo de mensaje privado' });
      await moderator.client.send('post', `/api/v1/moderation/items/${messageItem}/notes`, {
        body: 'nota interna secreta',
      });
      await moderator.client.send('post', `/api/v1/moderation/members/${a.id}/suspend`, {
        days: 1,
        reason: 'Detalle personal del caso',
      });

      const res = await new ApiClient(app.url).get('/api/v1/moderation-log?limit=100');
      expect(res.status).to.equal(200);
      const page = res.body as PublicLogPage;
      const text = JSON.stringify(page);
      const entry = page.items.find((i) => i.reason === 'Ataque personal');
      expect(entry).to.include({ action: 'post.hide', moderator: null });
      expect(entry?.thread).to.deep.equal({ id: pub.thread.id, title: pub.title });
      for (const secret of [
        priv.title,
        'Motivo de espacio privado',
        'Mensaje secreto',
        'Motivo de mensaje privado',
        'nota sobre el mensaje',
        'nota interna secreta',
        'nota privada del denunciante',
        'Detalle personal del caso',
        a.id,
        a.displayName,
        message.id,
      ]) {
        expect(text).not.to.contain(secret);
      }
      expect(
        page.items.some((i) => i.action === 'member.suspend' && i.reason === null && i.thread === null),
      ).to.equal(true);
    });

    it('describes hidden threads, and threads merged into a members-only one, without their titles', async () => {
      const app = await getTestApp();
      const moderator = await signedInAs('moderator');
      const author = await signedInMember();
      const hiddenTitle = `Hilo oculto ${unique()}`;
      const hidden = await buildThread(author, { title: hiddenTitle });
      const reporter = await signedInMember();
      const hiddenItem = await flag(reporter.client, 'thread', hidden.id, 'spam');
      await act(moderator.client, hiddenItem, 'hide', { reason: 'Publicidad' });

      const mergedTitle = `Hilo fusionado ${unique()}`;
      const merged = await buildThread(author, { title: mergedTitle });
      const membersOnly = await buildCategory({ readAccess: 'members' });
      const into = await buildThread(author, { categoryId: membersOnly.id, title: `Destino ${unique()}` });
      const merge = await moderator.client.send('post', `/api/v1/moderation/threads/${merged.id}/merge`, {
        targetId: into.id,
        reason: 'Duplicado',
      });
      expect(merge.status, JSON.stringify(merge.body)).to.equal(200);

      const page = (await new ApiClient(app.url).get('/api/v1/moderation-log?limit=100').expect(200))
        .body as PublicLogPage;
      const text = JSON.stringify(page);
      for (const secret of [hiddenTitle, hidden.id, mergedTitle, merged.id, into.id]) {
        expect(text).not.to.contain(secret);
      }
      const entry = page.items.find((i) => i.reason === 'Publicidad');
      expect(entry).to.include({ action: 'thread.hide' });
      expect(entry?.thread).to.equal(null);
      expect(page.items.some((i) => i.reason === 'Duplicado')).to.equal(false);
    });

    it('lists curation actions recorded by others with their names', async () => {
      const app = await getTestApp();
      const author = await buildMember();
      const thread = await buildThread(author, { title: `Hilo fijado ${unique()}` });
      const admin = await buildMember({ role: 'admin' });
      await app.db.insert(auditLog).values({
        actorId: admin.id,
        action: 'thread.pin',
        targetType: 'thread',
        targetId: thread.id,
        reason: 'Importante',
      });
      const page = (await new ApiClient(app.url).get('/api/v1/moderation-log')).body as PublicLogPage;
      expect(page.items[0]).to.include({ action: 'thread.pin', reason: 'Importante' });
    });

    it('names the moderator when MODERATION_LOG_NAMES=shown', async () => {
      const own: TestApp = await startTestApp({ MODERATION_LOG_NAMES: 'shown' });
      try {
        // This app has a database of its own: its rows are written straight into it.
        const person = (role: 'member' | 'moderator', displayName: string) => ({
          email: `p-${unique()}@example.org`,
          passwordHash: 'unused',
          handle: `p_${unique()}`,
          displayName,
          role,
          status: 'active' as const,
          locale: 'es' as const,
        });
        const [moderator] = await own.db
          .insert(members)
          .values(person('moderator', 'Moderadora Ana'))
          .returning();
        const [author] = await own.db.insert(members).values(person('member', 'Autor')).returning();
        const category = await buildCategory({}, own);
        const [thread] = await own.db
          .insert(threads)
          .values({
            categoryId: category.id,
            authorId: author!.id,
            kind: 'discussion',
            title: 'Hilo público',
            lang: 'es',
          })
          .returning();
        await own.db.insert(auditLog).values({
          actorId: moderator!.id,
          action: 'thread.lock',
          targetType: 'thread',
          targetId: thread!.id,
          reason: 'Discusión cerrada',
        });
        const page = (await new ApiClient(own.url).get('/api/v1/moderation-log')).body as PublicLogPage;
        expect(page.items[0]).to.include({ action: 'thread.lock', moderator: 'Moderadora Ana' });
        expect(page.items[0]?.thread).to.deep.equal({ id: thread!.id, title: 'Hilo público' });
      } finally {
        await own.dispose();
      }
    });
  });
});
