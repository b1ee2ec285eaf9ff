import { expect } from 'chai';
import { eq } from 'drizzle-orm';
import { moderationNotices, notifications, posts } from '@server/db/schema';
import type {
  CreateThreadResponse,
  MissedPostsResponse,
  PostResponse,
  ThreadListResponse,
  ThreadResponse,
} from '@shared/api/threads';
import type { Ack, PostEventPayload } from '@shared/events';
import type { SearchResponse } from '@shared/api/search';
import type { HeldPostListResponse } from '@shared/api/safeguards';
import { startTestApp, type TestApp } from '../helpers/app';
import { buildCategory, unique } from '../helpers/factories';
import { ApiClient } from '../helpers/http';
import { connectSocket } from '../helpers/sockets';
import { text } from '../helpers/copy';
import { auditEntries, openItemFor, personOn, type Person } from '../helpers/safeguards';

describe('safeguards: posts waiting for review and hidden content', function () {
  this.timeout(60_000);
  let app: TestApp;
  let category: { id: string; slug: string };
  let otherCategory: { id: string; slug: string };
  let moderator: Person;
  let scoped: Person;
  let otherScope: Person;
  let veteran: Person;
  let reader: Person;

  before(async () => {
    app = await startTestApp({ NEW_MEMBER_REVIEW_POSTS: '2', REQUIRE_EMAIL_VERIFICATION: 'false' });
    category = await buildCategory({}, app);
    otherCategory = await buildCategory({}, app);
    moderator = await personOn(app, { role: 'moderator' });
    scoped = await personOn(app, { role: 'moderator', scopes: [category.id] });
    otherScope = await personOn(app, { role: 'moderator', scopes: [otherCategory.id] });
    veteran = await personOn(app, { ageHours: 24 * 30 });
    reader = await personOn(app);
    // The veteran's first posts were reviewed long ago: approve two so they count as published.
    for (let i = 0; i < 2; i += 1) {
      const { thread } = await newThread(veteran, `Publicado ${i} ${unique()}`);
      const item = await openItemFor(app, (await threadPage(moderator.client, thread.id)).posts[0]!.id);
      expect(
        (await moderator.client.send('post', `/api/v1/moderation/items/${item!.id}/approve`, { version: 1 }))
          .status,
      ).to.equal(200);
    }
  });
  after(async () => {
    await app.dispose();
  });

  const newThread = async (author: Person, title: string, body = 'Texto del hilo con contexto.') => {
    const res = await author.client.send('post', '/api/v1/threads', {
      categoryId: category.id,
      kind: 'question',
      title,
      body,
      lang: 'es',
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body as CreateThreadResponse;
  };
  const reply = async (author: Person, threadId: string, body: string) => {
    const res = await author.client.send('post', `/api/v1/threads/${threadId}/posts`, { body });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return (res.body as PostResponse).post;
  };
  const threadPage = async (client: ApiClient, id: string) =>
    (await client.get(`/api/v1/threads/${id}`).expect(200)).body as ThreadResponse;

  describe('a new member opening a thread', () => {
    let author: Person;
    let created: CreateThreadResponse;
    before(async () => {
      author = await personOn(app);
      created = await newThread(author, `Presupuesto participativo ${unique()}`);
    });

    it('answers the author with the thread and post marked as waiting for review', () => {
      expect(created.thread.hidden).to.equal('pending_review');
      expect(created.post.hidden).to.equal('pending_review');
      expect(created.post.html).to.contain('Texto del hilo');
    });

    it('shows the thread to its author and the moderators of its category, labelled', async () => {
      for (const viewer of [author, moderator, scoped]) {
        const page = await threadPage(viewer.client, created.thread.id);
        expect(page.thread.hidden).to.equal('pending_review');
        expect(page.posts[0]?.html).to.contain('Texto del hilo');
      }
    });

    it('is a 404 for other members, visitors and moderators of other categories', async () => {
      for (const client of [reader.client, otherScope.client, new ApiClient(app.url)]) {
        await client.get(`/api/v1/threads/${created.thread.id}`).expect(404);
        await client.get(`/api/v1/threads/${created.thread.id}/posts?afterSeq=0`).expect(404);
      }
    });

    it('is left out of lists for readers, and in them for its author and moderators', async () => {
      const listed = async (client: ApiClient) =>
        (
          (await client.get(`/api/v1/categories/${category.slug}/threads`).expect(200))
            .body as ThreadListResponse
        ).items.map((t) => t.id);
      expect(await listed(reader.client)).not.to.include(created.thread.id);
      expect(await listed(new ApiClient(app.url))).not.to.include(created.thread.id);
      expect(await listed(otherScope.client)).not.to.include(created.thread.id);
      expect(await listed(author.client)).to.include(created.thread.id);
      expect(await listed(moderator.client)).to.include(created.thread.id);
      expect(await listed(scoped.client)).to.include(created.thread.id);
    });

    it('is found by nobody in search, and missing from the profile activity others see', async () => {
      const res = await reader.client
        .get(`/api/v1/search?q=${encodeURIComponent('Presupuesto participativo')}&type=threads`)
        .expect(200);
      expect((res.body as SearchResponse).threads.map((t) => t.id)).not.to.include(created.thread.id);
      const profile = await reader.client.get(`/api/v1/members/${author.handle}`).expect(200);
      expect(JSON.stringify(profile.body)).not.to.contain(created.thread.id);
      const own = await author.client.get(`/api/v1/members/${author.handle}`).expect(200);
      expect(JSON.stringify(own.body)).to.contain(created.thread.id);
    });

    it('is published by a moderator: readers find it, and the item and audit say who decided', async () => {
      const item = await openItemFor(app, created.post.id);
      expect(item).to.include({ kind: 'new_member_post', targetType: 'post', categoryId: category.id });
      const held = async (client: ApiClient) =>
        (
          (await client.get(`/api/v1/moderation/held-posts?threadId=${created.thread.id}`).expect(200))
            .body as HeldPostListResponse
        ).items;
      expect(await held(scoped.client)).to.deep.equal([
        {
          id: item!.id,
          kind: 'new_member_post',
          postId: created.post.id,
          threadId: created.thread.id,
          title: created.thread.title,
          held: true,
          words: [],
          version: 1,
          createdAt: item!.createdAt.toISOString(),
        },
      ]);
      expect(await held(otherScope.client)).to.deep.equal([]);
      expect(
        (await reader.client.send('post', `/api/v1/moderation/items/${item!.id}/approve`, { version: 1 }))
          .status,
      ).to.equal(403);
      expect(
        (await otherScope.client.send('post', `/api/v1/moderation/items/${item!.id}/approve`, { version: 1 }))
          .status,
      ).to.equal(404);
      const res = await scoped.client.send('post', `/api/v1/moderation/items/${item!.id}/approve`, {
        version: 1,
      });
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal({ id: item!.id, status: 'resolved', resolution: 'approved' });
      const page = await threadPage(reader.client, created.thread.id);
      expect(page.thread.hidden).to.equal(null);
      expect(page.posts[0]?.hidden).to.equal(null);
      const found = await reader.client
        .get(`/api/v1/search?q=${encodeURIComponent('Presupuesto participativo')}&type=threads`)
        .expect(200);
      expect((found.body as SearchResponse).threads.map((t) => t.id)).to.include(created.thread.id);
      expect(await auditEntries(app, 'post.approve', created.post.id)).to.deep.equal([
        { actor_id: scoped.id, reason: null },
      ]);
      const again = await moderator.client.send('post', `/api/v1/moderation/items/${item!.id}/approve`, {
        version: 1,
      });
      expect(again.status).to.equal(409);
      expect(again.body.error.message).to.equal(text('es', 'errors:item_closed'));
    });
  });

  describe('a new member replying', () => {
    let author: Person;
    let threadId: string;
    let pending: PostResponse['post'];
    const seen: PostEventPayload[] = [];
    let close = () => {};

    before(async () => {
      author = await personOn(app);
      threadId = (await newThread(veteran, `Datos abiertos municipales ${unique()}`)).thread.id;
      const read = await reader.client.send('put', `/api/v1/threads/${threadId}/read`, { seq: 1 });
      expect(read.status).to.equal(200);
      const { socket } = await connectSocket(app.url, { cookie: reader.cookie });
      socket.on('post:created', (payload) => seen.push(payload));
      const ack = await new Promise<Ack>((resolve) => socket.emit('thread:watch', { threadId }, resolve));
      expect(ack).to.deep.equal({ ok: true });
      close = () => socket.close();
      pending = await reply(author, threadId, `Mi experiencia en Medellín @${veteran.handle}`);
    });
    after(() => close());

    it('tells the author the reply waits for review', () => {
      expect(pending.hidden).to.equal('pending_review');
      expect(pending.html).to.contain('Medellín');
    });

    it('keeps it out of readers’ pages, missed posts, counts, broadcasts and notifications', async () => {
      const page = await threadPage(reader.client, threadId);
      expect(page.posts.map((p) => p.id)).not.to.include(pending.id);
      expect(page.thread.replyCount).to.equal(0);
      expect(page.thread.unreadCount).to.equal(0);
      const missed = (await reader.client.get(`/api/v1/threads/${threadId}/posts?afterSeq=0`).expect(200))
        .body as MissedPostsResponse;
      expect(missed.items.map((p) => p.id)).not.to.include(pending.id);
      const mine = await threadPage(author.client, threadId);
      expect(mine.posts.find((p) => p.id === pending.id)?.hidden).to.equal('pending_review');
      const own = (await author.client.get(`/api/v1/threads/${threadId}/posts?afterSeq=0`).expect(200))
        .body as MissedPostsResponse;
      expect(own.items.map((p) => p.id)).to.include(pending.id);
      // A visible reply after it reaches the watcher; the pending one never did.
      const visible = await reply(moderator, threadId, 'Gracias por compartir.');
      for (let i = 0; i < 200 && !seen.some((e) => e.post.id === visible.id); i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(seen.map((e) => e.post.id)).to.deep.equal([visible.id]);
      const rows = await app.db.select().from(notifications).where(eq(notifications.memberId, veteran.id));
      expect(rows.filter((r) => r.sourceId === pending.id)).to.have.length(0);
      const react = await reader.client.send('post', `/api/v1/posts/${pending.id}/reactions`, {
        kind: 'like',
      });
      expect(react.status).to.equal(404);
    });

    it('on approval counts it, broadcasts it, and notifies the thread’s author and the mentioned', async () => {
      const item = await openItemFor(app, pending.id);
      expect(
        (await moderator.client.send('post', `/api/v1/moderation/items/${item!.id}/approve`, { version: 1 }))
          .status,
      ).to.equal(200);
      const page = await threadPage(reader.client, threadId);
      expect(page.posts.map((p) => p.id)).to.include(pending.id);
      expect(page.thread.replyCount).to.equal(2);
      for (let i = 0; i < 200 && !seen.some((e) => e.post.id === pending.id); i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(seen.map((e) => e.post.id)).to.include(pending.id);
      const rows = await app.db.select().from(notifications).where(eq(notifications.memberId, veteran.id));
      expect(rows.some((r) => r.sourceId === pending.id && r.kind === 'mention')).to.equal(true);
    });

    it('publishes directly once the member has enough approved posts', async () => {
      const second = await reply(author, threadId, 'Segunda respuesta.');
      expect(second.hidden).to.equal('pending_review');
      const item = await openItemFor(app, second.id);
      expect(
        (await moderator.client.send('post', `/api/v1/moderation/items/${item!.id}/approve`, { version: 1 }))
          .status,
      ).to.equal(200);
      const third = await reply(author, threadId, 'Tercera respuesta, ya sin revisión.');
      expect(third.hidden).to.equal(null);
      expect(await openItemFor(app, third.id)).to.equal(undefined);
    });

    it('never holds staff', async () => {
      const staff = await personOn(app, { role: 'moderator' });
      expect((await reply(staff, threadId, 'Nota del equipo.')).hidden).to.equal(null);
    });
  });

  describe('rejecting a queued post', () => {
    it('removes it, tells the author with a removal notice and a notification, and audits it', async () => {
      const author = await personOn(app, { locale: 'pt' });
      const threadId = (await newThread(veteran, `Compras públicas ${unique()}`)).thread.id;
      const post = await reply(author, threadId, 'Compre agora, oferta imperdível!');
      const item = await openItemFor(app, post.id);
      const bad = await moderator.client.send('post', `/api/v1/moderation/items/${item!.id}/reject`, {});
      expect(bad.status).to.equal(400);
      const res = await moderator.client.send('post', `/api/v1/moderation/items/${item!.id}/reject`, {
        reason: 'Publicidad no solicitada',
      });
      expect(res.status).to.equal(200);
      expect(res.body.resolution).to.equal('rejected');
      const [row] = await app.db.select().from(posts).where(eq(posts.id, post.id));
      expect(row?.deletedAt).to.not.equal(null);
      expect((await threadPage(author.client, threadId)).posts.map((p) => p.id)).not.to.include(post.id);
      expect((await threadPage(reader.client, threadId)).thread.replyCount).to.equal(0);
      const notices = await app.db
        .select()
        .from(moderationNotices)
        .where(eq(moderationNotices.memberId, author.id));
      expect(notices).to.have.length(1);
      expect(notices[0]).to.include({
        kind: 'removal',
        reason: 'Publicidad no solicitada',
        targetId: post.id,
      });
      const told = await app.db.select().from(notifications).where(eq(notifications.memberId, author.id));
      expect(told.map((n) => n.kind)).to.deep.equal(['moderation']);
      expect(await auditEntries(app, 'post.reject', post.id)).to.deep.equal([
        { actor_id: moderator.id, reason: 'Publicidad no solicitada' },
      ]);
    });

    it('removes a queued thread with its opening post', async () => {
      const author = await personOn(app);
      const created = await newThread(author, `Spam ${unique()}`);
      const item = await openItemFor(app, created.post.id);
      const res = await moderator.client.send('post', `/api/v1/moderation/items/${item!.id}/reject`, {
        reason: 'Fuera de tema',
      });
      expect(res.status).to.equal(200);
      await author.client.get(`/api/v1/threads/${created.thread.id}`).expect(404);
      expect((await threadPage(moderator.client, created.thread.id)).thread.deleted).to.equal(true);
    });
  });

  describe('a post hidden by flags or a moderator', () => {
    it('shows readers a placeholder, and its author and moderators the text with the reason', async () => {
      const threadId = (await newThread(veteran, `Transparencia activa ${unique()}`)).thread.id;
      const post = await reply(moderator, threadId, 'Texto discutido por la comunidad.');
      await app.db
        .update(posts)
        .set({ hiddenAt: new Date(), hiddenReason: 'flags', authorId: veteran.id })
        .where(eq(posts.id, post.id));
      const forReader = (await threadPage(reader.client, threadId)).posts.find((p) => p.id === post.id);
      expect(forReader).to.include({ hidden: 'flags', html: '', source: '', author: null, deleted: false });
      const forAuthor = (await threadPage(veteran.client, threadId)).posts.find((p) => p.id === post.id);
      expect(forAuthor?.html).to.contain('Texto discutido');
      const forModerator = (await threadPage(scoped.client, threadId)).posts.find((p) => p.id === post.id);
      expect(forModerator).to.include({ hidden: 'flags' });
      expect(forModerator?.html).to.contain('Texto discutido');
      const forOther = (await threadPage(otherScope.client, threadId)).posts.find((p) => p.id === post.id);
      expect(forOther?.html).to.equal('');
    });
  });

  describe('young accounts', () => {
    it('refuses more than the allowed links with a localized 422 naming the limit, saving nothing', async () => {
      const limited = await startTestApp({ NEW_ACCOUNT_MAX_LINKS: '2', NEW_MEMBER_REVIEW_POSTS: '0' });
      try {
        const cat = await buildCategory({}, limited);
        const young = await personOn(limited, { locale: 'fr' });
        const old = await personOn(limited, { ageHours: 48 });
        const body = 'Voir https://a.example.org, https://b.example.org et https://c.example.org';
        const refused = await young.client.send('post', '/api/v1/threads', {
          categoryId: cat.id,
          kind: 'discussion',
          title: 'Trois liens',
          body,
        });
        expect(refused.status).to.equal(422);
        expect(refused.body.error).to.deep.equal({
          code: 'too_many_links',
          message: text('fr', 'errors:too_many_links', { max: '2', hours: '24' }),
        });
        expect(refused.body.error.message).to.contain('2');
        const list = (await young.client.get(`/api/v1/categories/${cat.slug}/threads`).expect(200))
          .body as ThreadListResponse;
        expect(list.items).to.have.length(0);
        const two = await young.client.send('post', '/api/v1/threads', {
          categoryId: cat.id,
          kind: 'discussion',
          title: 'Deux liens',
          body: 'Voir https://a.example.org et https://b.example.org',
        });
        expect(two.status).to.equal(201);
        const profile = await young.client.send('patch', '/api/v1/me/profile', {
          links: [
            { url: 'https://a.example.org' },
            { url: 'https://b.example.org' },
            { url: 'https://c.example.org' },
          ],
        });
        expect(profile.status).to.equal(422);
        const fine = await old.client.send('post', '/api/v1/threads', {
          categoryId: cat.id,
          kind: 'discussion',
          title: 'Trois liens, compte ancien',
          body,
        });
        expect(fine.status).to.equal(201);
      } finally {
        await limited.dispose();
      }
    });
  });
});
