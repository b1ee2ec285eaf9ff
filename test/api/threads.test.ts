import { expect } from 'chai';
import { getTestApp, type TestApp } from '../helpers/app';
import { ApiClient } from '../helpers/http';
import {
  buildCategory,
  buildMember,
  buildReply,
  buildThread,
  setMemberStatus,
  type BuiltMember,
} from '../helpers/factories';
import type { ThreadDto, ThreadListResponse, ThreadResponse } from '@shared/api/threads';
import { enrolTwoFactor } from '../helpers/totp';

async function signedIn(app: TestApp, member: BuiltMember, lang?: string): Promise<ApiClient> {
  const client = new ApiClient(app.url, undefined, lang);
  await client.signIn(member.email, member.password);
  return client;
}

describe('ThreadService over HTTP', () => {
  let app: TestApp;
  let author: BuiltMember;
  let other: BuiltMember;
  let categoryId: string;
  let categorySlug: string;

  before(async () => {
    app = await getTestApp();
    [author, other] = await Promise.all([buildMember({ locale: 'pt' }), buildMember()]);
    ({ id: categoryId, slug: categorySlug } = await buildCategory());
  });

  describe('POST /api/v1/threads', () => {
    const valid = () => ({
      categoryId,
      title: 'Como sequenciar a lei?',
      body: 'Corpo da **pergunta**',
      kind: 'question',
    });

    it('refuses visitors with 401', async () => {
      const res = await new ApiClient(app.url).send('post', '/api/v1/threads', valid());
      expect(res.status).to.equal(401);
    });

    it('refuses pending and suspended members with 403', async () => {
      for (const status of ['pending', 'suspended'] as const) {
        const member = await buildMember();
        await setMemberStatus(member.id, status);
        const res = await (await signedIn(app, member)).send('post', '/api/v1/threads', valid());
        expect(res.status).to.equal(403);
        expect(res.body.error.code).to.equal(`account_${status}`);
      }
    });

    it('validates title, kind, tags and category with field errors', async () => {
      const client = await signedIn(app, author);
      const res = await client.send('post', '/api/v1/threads', {
        categoryId: '00000000-0000-4000-8000-000000000000',
        title: 'abc',
        body: 'x',
        kind: 'poll',
        tags: ['a', 'b', 'c', 'd', 'e', 'f'],
      });
      expect(res.status).to.equal(400);
      expect(res.body.error.fields).to.have.keys(['title', 'kind', 'tags']);
      const unknown = await client.send('post', '/api/v1/threads', {
        ...valid(),
        categoryId: '00000000-0000-4000-8000-000000000000',
      });
      expect(unknown.status).to.equal(400);
      expect(unknown.body.error.fields).to.have.key('categoryId');
    });

    it('refuses a body over 20 000 characters with a localized 413', async () => {
      const client = await signedIn(app, author, 'pt');
      const res = await client.send('post', '/api/v1/threads', { ...valid(), body: 'a'.repeat(20_001) });
      expect(res.status).to.equal(413);
      expect(res.body.error.code).to.equal('post_too_long');
      expect(res.body.error.message).to.contain('20000');
    });

    it('creates a question in the author’s language with normalized tags, followed by its author', async () => {
      const client = await signedIn(app, author);
      const res = await client.send('post', '/api/v1/threads', {
        ...valid(),
        tags: ['Dados Abertos', 'dados-abertos', 'LAI'],
      });
      expect(res.status).to.equal(201);
      const thread: ThreadDto = res.body.thread;
      expect(thread).to.include({
        kind: 'question',
        lang: 'pt',
        replyCount: 0,
        postCount: 1,
        following: true,
      });
      expect(thread.tags).to.deep.equal(['dados-abertos', 'lai']);
      expect(res.body.post.html.trim()).to.equal('<p>Corpo da <strong>pergunta</strong></p>');
      expect(res.body.post).to.include({ seq: 1, depth: 0, parentId: null });
    });

    it('refuses new threads in an archived category', async () => {
      const archived = await buildCategory({ archived: true });
      const res = await (
        await signedIn(app, author)
      ).send('post', '/api/v1/threads', { ...valid(), categoryId: archived.id });
      expect(res.status).to.equal(409);
    });
  });

  describe('GET /api/v1/threads/:id', () => {
    it('returns posts in tree order with parentId and depth, or in time order', async () => {
      const thread = await buildThread(author);
      const a = await buildReply(other, thread.id);
      const b = await buildReply(author, thread.id);
      const a1 = await buildReply(author, thread.id, { parentId: a.id });
      const res = await new ApiClient(app.url).get(`/api/v1/threads/${thread.id}`).expect(200);
      const body = res.body as ThreadResponse;
      expect(body.posts.map((p) => p.id)).to.deep.equal([thread.rootPostId, a.id, a1.id, b.id]);
      expect(body.posts.map((p) => p.depth)).to.deep.equal([0, 1, 2, 1]);
      expect(body.posts[2]?.parentId).to.equal(a.id);
      const chrono = await new ApiClient(app.url)
        .get(`/api/v1/threads/${thread.id}?view=chronological`)
        .expect(200);
      expect((chrono.body as ThreadResponse).posts.map((p) => p.id)).to.deep.equal([
        thread.rootPostId,
        a.id,
        b.id,
        a1.id,
      ]);
    });

    it('pages a long thread by cursor, never more than 200 posts per request', async () => {
      const thread = await buildThread(author);
      for (let i = 0; i < 5; i += 1) await buildReply(other, thread.id);
      const first = await new ApiClient(app.url).get(`/api/v1/threads/${thread.id}?limit=4`).expect(200);
      expect(first.body.posts).to.have.length(4);
      const second = await new ApiClient(app.url)
        .get(`/api/v1/threads/${thread.id}?limit=4&cursor=${encodeURIComponent(first.body.nextCursor)}`)
        .expect(200);
      expect(second.body.posts).to.have.length(2);
      expect(second.body.nextCursor).to.equal(null);
      await new ApiClient(app.url).get(`/api/v1/threads/${thread.id}?limit=201`).expect(400);
      await new ApiClient(app.url).get(`/api/v1/threads/${thread.id}?cursor=not-a-cursor`).expect(400);
    });

    it('answers 404 for unknown and malformed ids', async () => {
      await new ApiClient(app.url).get('/api/v1/threads/00000000-0000-4000-8000-000000000000').expect(404);
      await new ApiClient(app.url).get('/api/v1/threads/nope').expect(404);
    });

    it('hides members-only threads from visitors and staff threads from members (404)', async () => {
      const membersOnly = await buildCategory({ readAccess: 'members' });
      const staff = await buildCategory({ readAccess: 'moderators' });
      const moderator = await buildMember({ role: 'moderator' });
      const t1 = await buildThread(moderator, { categoryId: membersOnly.id });
      const t2 = await buildThread(moderator, { categoryId: staff.id });
      await new ApiClient(app.url).get(`/api/v1/threads/${t1.id}`).expect(404);
      const member = await signedIn(app, other);
      await member.get(`/api/v1/threads/${t1.id}`).expect(200);
      await member.get(`/api/v1/threads/${t2.id}`).expect(404);
      // Staff read moderators-only threads with a second factor only.
      const staffClient = await signedIn(app, moderator);
      await staffClient.get(`/api/v1/threads/${t2.id}`).expect(404);
      await enrolTwoFactor(staffClient);
      await staffClient.get(`/api/v1/threads/${t2.id}`).expect(200);
      const list = await new ApiClient(app.url).get('/api/v1/threads?limit=100').expect(200);
      const ids = (list.body as ThreadListResponse).items.map((t) => t.id);
      expect(ids).not.to.include.members([t1.id]);
    });

    it('writes nothing when read: views are counted in memory and flushed in batches', async () => {
      const thread = await buildThread(author);
      const sessions = await app.pool.query('select count(*)::int as n from session');
      for (let i = 0; i < 3; i += 1)
        await new ApiClient(app.url).get(`/api/v1/threads/${thread.id}`).expect(200);
      const before = await app.pool.query('select view_count from threads where id = $1', [thread.id]);
      expect(Number(before.rows[0].view_count)).to.equal(0);
      const after = await app.pool.query('select count(*)::int as n from session');
      expect(after.rows[0].n).to.equal(sessions.rows[0].n);
      await app.views.flush();
      const flushed = await app.pool.query('select view_count from threads where id = $1', [thread.id]);
      expect(Number(flushed.rows[0].view_count)).to.equal(3);
    });
  });

  describe('thread lists', () => {
    it('lists a category’s threads by latest activity with cursor pagination', async () => {
      const category = await buildCategory();
      const t1 = await buildThread(author, { categoryId: category.id });
      const t2 = await buildThread(author, { categoryId: category.id });
      const t3 = await buildThread(author, { categoryId: category.id });
      await buildReply(other, t1.id);
      const res = await new ApiClient(app.url)
        .get(`/api/v1/categories/${category.slug}/threads?limit=2`)
        .expect(200);
      const page = res.body as ThreadListResponse;
      expect(page.items.map((t) => t.id)).to.deep.equal([t1.id, t3.id]);
      const next = await new ApiClient(app.url)
        .get(`/api/v1/categories/${category.slug}/threads?limit=2&cursor=${page.nextCursor}`)
        .expect(200);
      expect(next.body.items.map((t: ThreadDto) => t.id)).to.deep.equal([t2.id]);
    });

    it('sorts by newest, most active and unanswered questions', async () => {
      const category = await buildCategory();
      const quiet = await buildThread(author, { categoryId: category.id, kind: 'question' });
      const busy = await buildThread(author, { categoryId: category.id, kind: 'discussion' });
      await buildReply(other, busy.id);
      await buildReply(other, busy.id);
      const base = `/api/v1/categories/${category.slug}/threads`;
      const ids = async (sort: string) =>
        (
          (await new ApiClient(app.url).get(`${base}?sort=${sort}`).expect(200)).body as ThreadListResponse
        ).items.map((t) => t.id);
      expect(await ids('newest')).to.deep.equal([busy.id, quiet.id]);
      expect(await ids('active')).to.deep.equal([busy.id, quiet.id]);
      expect(await ids('unanswered')).to.deep.equal([quiet.id]);
      await new ApiClient(app.url).get(`${base}?sort=hot`).expect(400);
    });

    it('shows a category’s pinned threads first in every order, and pages through both groups', async () => {
      const category = await buildCategory();
      const moderator = await signedIn(app, await buildMember({ role: 'moderator' }));
      // Pins and locks are moderators' actions: they take the second factor staff routes ask.
      await enrolTwoFactor(moderator);
      const oldPinned = await buildThread(author, { categoryId: category.id, kind: 'question' });
      const t1 = await buildThread(author, { categoryId: category.id, kind: 'question' });
      const t2 = await buildThread(author, { categoryId: category.id, kind: 'question' });
      const t3 = await buildThread(author, { categoryId: category.id, kind: 'question' });
      await buildReply(other, t1.id);
      const pin = await moderator.send('patch', `/api/v1/threads/${oldPinned.id}`, { pinned: true });
      expect(pin.status).to.equal(200);
      const base = `/api/v1/categories/${category.slug}/threads`;
      const page = async (query: string) =>
        (await new ApiClient(app.url).get(`${base}?${query}`).expect(200)).body as ThreadListResponse;
      const first = await page('limit=2');
      expect(first.items.map((t) => [t.id, t.pinned])).to.deep.equal([
        [oldPinned.id, true],
        [t1.id, false],
      ]);
      const second = await page(`limit=2&cursor=${first.nextCursor}`);
      expect(second.items.map((t) => t.id)).to.deep.equal([t3.id, t2.id]);
      expect(second.nextCursor).to.equal(null);
      expect((await page('sort=newest')).items.map((t) => t.id)).to.deep.equal([
        oldPinned.id,
        t3.id,
        t2.id,
        t1.id,
      ]);
      expect((await page('sort=active')).items[0]!.id).to.equal(oldPinned.id);
      expect((await page('sort=unanswered')).items.map((t) => t.id)).to.deep.equal([
        oldPinned.id,
        t3.id,
        t2.id,
      ]);
      // Across categories the latest list keeps its plain order: a pin belongs to its category.
      const latest = (await new ApiClient(app.url).get('/api/v1/threads?sort=latest&limit=5').expect(200))
        .body as ThreadListResponse;
      expect(latest.items.map((t) => t.id).indexOf(oldPinned.id)).to.not.equal(0);
      await moderator.send('patch', `/api/v1/threads/${oldPinned.id}`, { pinned: false });
      expect((await page('limit=5')).items.map((t) => t.id)).to.deep.equal([
        t1.id,
        t3.id,
        t2.id,
        oldPinned.id,
      ]);
    });

    it('answers 404 for an unknown category and shows the latest threads across categories', async () => {
      await new ApiClient(app.url).get('/api/v1/categories/no-such-category/threads').expect(404);
      const thread = await buildThread(author, { categoryId });
      const res = await new ApiClient(app.url).get('/api/v1/threads?sort=latest').expect(200);
      expect(res.body.items[0].id).to.equal(thread.id);
      void categorySlug;
    });

    it('shows a member the unread count of threads they have read', async () => {
      const thread = await buildThread(author);
      const reader = await signedIn(app, other);
      await reader
        .send('put', `/api/v1/threads/${thread.id}/read`, { seq: 1 })
        .then((r) => expect(r.status).to.equal(200));
      await buildReply(author, thread.id);
      await buildReply(author, thread.id);
      const res = await reader.get(`/api/v1/threads/${thread.id}`).expect(200);
      expect(res.body.thread).to.include({ unreadCount: 2, lastReadSeq: 1 });
    });
  });

  describe('PATCH /api/v1/threads/:id', () => {
    it('lets the author retitle, refuses other members (403) and lets moderators lock', async () => {
      const thread = await buildThread(author);
      const mine = await (
        await signedIn(app, author)
      ).send('patch', `/api/v1/threads/${thread.id}`, { title: 'A better title' });
      expect(mine.status).to.equal(200);
      expect(mine.body.thread.title).to.equal('A better title');
      const theirs = await (
        await signedIn(app, other)
      ).send('patch', `/api/v1/threads/${thread.id}`, { title: 'Hijacked title' });
      expect(theirs.status).to.equal(403);
      const lock = await (
        await signedIn(app, author)
      ).send('patch', `/api/v1/threads/${thread.id}`, { locked: true });
      expect(lock.status).to.equal(403);
      const moderator = await signedIn(app, await buildMember({ role: 'moderator' }));
      // Pins and locks are moderators' actions: they take the second factor staff routes ask.
      await enrolTwoFactor(moderator);
      const locked = await moderator.send('patch', `/api/v1/threads/${thread.id}`, {
        locked: true,
        pinned: true,
      });
      expect(locked.body.thread).to.include({ locked: true, pinned: true });
      const bad = await moderator.send('patch', `/api/v1/threads/${thread.id}`, {});
      expect(bad.status).to.equal(400);
      expect(
        (await new ApiClient(app.url).send('patch', `/api/v1/threads/${thread.id}`, { title: 'Anonymous' }))
          .status,
      ).to.equal(401);
    });
  });

  describe('following and read positions', () => {
    it('follows automatically on reply, and can unfollow and follow again', async () => {
      const thread = await buildThread(author);
      const client = await signedIn(app, other);
      await client.send('post', `/api/v1/threads/${thread.id}/posts`, { body: 'A reply' });
      expect((await client.get(`/api/v1/threads/${thread.id}`)).body.thread.following).to.equal(true);
      expect(
        (await client.send('delete', `/api/v1/threads/${thread.id}/follow`)).body.thread.following,
      ).to.equal(false);
      expect(
        (await client.send('put', `/api/v1/threads/${thread.id}/follow`)).body.thread.following,
      ).to.equal(true);
      expect(
        (await new ApiClient(app.url).send('put', `/api/v1/threads/${thread.id}/follow`)).status,
      ).to.equal(401);
    });

    it('keeps the read position moving forward only and capped at the last post', async () => {
      const thread = await buildThread(author);
      const client = await signedIn(app, other);
      expect(
        (await client.send('put', `/api/v1/threads/${thread.id}/read`, { seq: 99 })).body.lastReadSeq,
      ).to.equal(1);
      expect(
        (await client.send('put', `/api/v1/threads/${thread.id}/read`, { seq: 0 })).body.lastReadSeq,
      ).to.equal(1);
      expect((await client.send('put', `/api/v1/threads/${thread.id}/read`, { seq: -1 })).status).to.equal(
        400,
      );
      expect(
        (await new ApiClient(app.url).send('put', `/api/v1/threads/${thread.id}/read`, { seq: 1 })).status,
      ).to.equal(401);
    });
  });
});
