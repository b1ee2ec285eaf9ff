import { expect } from 'chai';
import { getTestApp, type TestApp } from '../helpers/app';
import { ApiClient } from '../helpers/http';
import { signedInAs, type SignedInAs } from '../helpers/staff';
import { buildCategory, buildMember, buildReply, buildThread, type BuiltMember } from '../helpers/factories';
import { moderatorScopes } from '@server/db/schema';
import { audit } from '@server/audit/audit.service';
import type { ThreadDto, ThreadListResponse, ThreadResponse } from '@shared/api/threads';
import type { FeaturedThreadsResponse } from '@shared/api/curation';
import type { SearchResponse } from '@shared/api/search';

async function signedIn(app: TestApp, member: BuiltMember, lang?: string): Promise<ApiClient> {
  const client = new ApiClient(app.url, undefined, lang);
  await client.signIn(member.email, member.password);
  return client;
}

const url = (id: string, action = '') => `/api/v1/moderation/threads/${id}${action}`;

describe('Thread curation over HTTP', () => {
  let app: TestApp;
  let moderator: SignedInAs;
  let author: BuiltMember;
  let member: BuiltMember;
  let memberClient: ApiClient;
  let category: { id: string; slug: string };

  before(async () => {
    app = await getTestApp();
    moderator = await signedInAs('moderator', 'es');
    [author, member] = await Promise.all([buildMember(), buildMember()]);
    memberClient = await signedIn(app, member);
    category = await buildCategory();
  });

  const threadOf = async (client: ApiClient, id: string): Promise<ThreadDto> =>
    ((await client.get(`/api/v1/threads/${id}`).expect(200)).body as ThreadResponse).thread;
  const history = (id: string) => audit.historyOf(app.db, 'thread', id);
  const listIds = async (path: string, client: ApiClient = new ApiClient(app.url)) =>
    ((await client.get(path).expect(200)).body as ThreadListResponse).items.map((t) => t.id);

  describe('who may curate', () => {
    it('refuses visitors (401), members (403) and staff without a second factor (403)', async () => {
      const thread = await buildThread(author, { categoryId: category.id });
      expect((await new ApiClient(app.url).send('post', url(thread.id, '/lock'), {})).status).to.equal(401);
      const refused = await memberClient.send('post', url(thread.id, '/lock'), {});
      expect(refused.status).to.equal(403);
      const bare = await signedIn(app, await buildMember({ role: 'moderator' }));
      const res = await bare.send('post', url(thread.id, '/lock'), {});
      expect(res.status).to.equal(403);
      expect(res.body.error.code).to.equal('second_factor_required');
      expect((await threadOf(memberClient, thread.id)).locked).to.equal(false);
      expect(await history(thread.id)).to.have.length(0);
    });

    it('lets a scoped moderator act in their category only, and move or merge only between theirs', async () => {
      const scoped = await signedInAs('moderator');
      const [mine, theirs] = [await buildCategory(), await buildCategory()];
      await app.db.insert(moderatorScopes).values({ memberId: scoped.id, categoryId: mine.id });
      const inMine = await buildThread(author, { categoryId: mine.id });
      const inTheirs = await buildThread(author, { categoryId: theirs.id });
      const outside = await scoped.client.send('post', url(inTheirs.id, '/lock'), {});
      expect(outside.status).to.equal(403);
      expect((await threadOf(memberClient, inTheirs.id)).locked).to.equal(false);
      expect((await scoped.client.send('post', url(inMine.id, '/lock'), {})).status).to.equal(200);
      const move = await scoped.client.send('post', url(inMine.id, '/move'), { categoryId: theirs.id });
      expect(move.status).to.equal(403);
      const merge = await scoped.client.send('post', url(inMine.id, '/merge'), { targetId: inTheirs.id });
      expect(merge.status).to.equal(403);
      const patch = await scoped.client.send('patch', `/api/v1/threads/${inTheirs.id}`, { pinned: true });
      expect(patch.status).to.equal(403);
      expect((await threadOf(memberClient, inMine.id)).categoryId).to.equal(mine.id);
      expect(await history(inTheirs.id)).to.have.length(0);
      expect((await history(inMine.id)).map((row) => row.action)).to.deep.equal(['thread.lock']);
    });

    it('answers 404 for an unknown thread and 400 with fields for bad input, changing nothing', async () => {
      const thread = await buildThread(author, { categoryId: category.id });
      const unknown = await moderator.client.send(
        'post',
        url('00000000-0000-4000-8000-000000000000', '/lock'),
        {},
      );
      expect(unknown.status).to.equal(404);
      const scope = await moderator.client.send('post', url(thread.id, '/pin'), { scope: 'everywhere' });
      expect(scope.status).to.equal(400);
      expect(scope.body.error.fields).to.have.key('scope');
      const minutes = await moderator.client.send('post', url(thread.id, '/slow-mode'), { minutes: 99999 });
      expect(minutes.status).to.equal(400);
      const long = await moderator.client.send('post', url(thread.id, '/lock'), { reason: 'x'.repeat(501) });
      expect(long.status).to.equal(400);
      expect(long.body.error.fields.reason.message).to.be.a('string').and.not.equal('');
      const empty = await moderator.client.send('patch', url(thread.id), {});
      expect(empty.status).to.equal(400);
      const t = await threadOf(memberClient, thread.id);
      expect(t).to.include({ pinned: false, locked: false, slowModeMinutes: 0 });
      expect(await history(thread.id)).to.have.length(0);
    });
  });

  describe('pin and unpin', () => {
    it('puts global pins first on every list and category pins first in their category, audited', async () => {
      const [here, there] = [await buildCategory(), await buildCategory()];
      const older = await buildThread(author, { categoryId: here.id });
      const globalPin = await buildThread(author, { categoryId: there.id });
      const categoryPin = await buildThread(author, { categoryId: here.id });
      const newest = await buildThread(author, { categoryId: here.id });
      await buildReply(member, older.id);
      const g = await moderator.client.send('post', url(globalPin.id, '/pin'), {
        scope: 'global',
        reason: 'Guía de la red',
      });
      expect(g.status).to.equal(200);
      expect(g.body.thread).to.include({ pinned: true, pinScope: 'global' });
      await moderator.client.send('post', url(categoryPin.id, '/pin'), { scope: 'category' });
      // Latest activity first after the pins: the older thread has the newest reply.
      expect(await listIds(`/api/v1/categories/${here.slug}/threads`)).to.deep.equal([
        categoryPin.id,
        older.id,
        newest.id,
      ]);
      // The global pin (of another category) leads the list across categories and its own category.
      const latest = await listIds('/api/v1/threads?limit=100');
      expect(latest[0]).to.equal(globalPin.id);
      expect(latest.indexOf(categoryPin.id)).to.be.greaterThan(latest.indexOf(newest.id));
      expect((await listIds(`/api/v1/categories/${there.slug}/threads`))[0]).to.equal(globalPin.id);
      const [entry] = await history(globalPin.id);
      expect(entry).to.include({ action: 'thread.pin', actorId: moderator.id, reason: 'Guía de la red' });
      expect(entry?.before).to.deep.equal({ pinScope: null });
      expect(entry?.after).to.deep.equal({ pinScope: 'global' });
      const unpin = await moderator.client.send('post', url(globalPin.id, '/unpin'), {});
      expect(unpin.body.thread).to.include({ pinned: false, pinScope: null });
      expect((await history(globalPin.id)).map((r) => r.action)).to.deep.equal([
        'thread.pin',
        'thread.unpin',
      ]);
      expect((await listIds('/api/v1/threads?limit=100'))[0]).not.to.equal(globalPin.id);
    });

    it('pages through a list with pinned threads of both kinds without losing or repeating any', async () => {
      const here = await buildCategory();
      const ids: string[] = [];
      for (let i = 0; i < 5; i += 1) ids.push((await buildThread(author, { categoryId: here.id })).id);
      await moderator.client.send('post', url(ids[0] ?? '', '/pin'), { scope: 'global' });
      await moderator.client.send('post', url(ids[1] ?? '', '/pin'), { scope: 'category' });
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: ThreadListResponse = (
          await new ApiClient(app.url)
            .get(`/api/v1/categories/${here.slug}/threads?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
            .expect(200)
        ).body;
        seen.push(...page.items.map((t) => t.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).to.deep.equal([ids[0], ids[1], ids[4], ids[3], ids[2]]);
      // A global pin leads every list: other suites' lists must not meet this one.
      await moderator.client.send('post', url(ids[0] ?? '', '/unpin'), {});
    });

    it('keeps the PATCH /threads/:id pin and lock of moderators working, as a category pin, audited', async () => {
      const thread = await buildThread(author, { categoryId: category.id });
      const res = await moderator.client.send('patch', `/api/v1/threads/${thread.id}`, {
        pinned: true,
        locked: true,
      });
      expect(res.status).to.equal(200);
      expect(res.body.thread).to.include({ pinned: true, pinScope: 'category', locked: true });
      expect((await history(thread.id)).map((r) => r.action)).to.deep.equal(['thread.pin', 'thread.lock']);
    });
  });

  describe('feature', () => {
    it('lists featured threads the reader may read, newest first, and unfeatures', async () => {
      const membersOnly = await buildCategory({ readAccess: 'members' });
      const open = await buildThread(author, { categoryId: category.id });
      const closedToVisitors = await buildThread(author, { categoryId: membersOnly.id });
      for (const id of [open.id, closedToVisitors.id]) {
        const res = await moderator.client.send('post', url(id, '/feature'), { reason: 'Buen ejemplo' });
        expect(res.body.thread.featured).to.equal(true);
      }
      const forMember: FeaturedThreadsResponse = (
        await memberClient.get('/api/v1/threads/featured').expect(200)
      ).body;
      expect(forMember.items.map((t) => t.id).slice(0, 2)).to.deep.equal([closedToVisitors.id, open.id]);
      const forVisitor: FeaturedThreadsResponse = (
        await new ApiClient(app.url).get('/api/v1/threads/featured?limit=30').expect(200)
      ).body;
      expect(forVisitor.items.map((t) => t.id))
        .to.include(open.id)
        .and.not.include(closedToVisitors.id);
      await moderator.client.send('post', url(open.id, '/unfeature'), {});
      const after: FeaturedThreadsResponse = (
        await memberClient.get('/api/v1/threads/featured?limit=30').expect(200)
      ).body;
      expect(after.items.map((t) => t.id)).not.to.include(open.id);
      expect((await history(open.id)).map((r) => [r.action, r.reason])).to.deep.equal([
        ['thread.feature', 'Buen ejemplo'],
        ['thread.unfeature', null],
      ]);
      const bad = await memberClient.get('/api/v1/threads/featured?cursor=nope');
      expect(bad.status).to.equal(400);
    });

    it('pages featured threads by cursor', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 3; i += 1) {
        const t = await buildThread(author, { categoryId: category.id });
        await moderator.client.send('post', url(t.id, '/feature'), {});
        ids.unshift(t.id);
      }
      const first: FeaturedThreadsResponse = (
        await memberClient.get('/api/v1/threads/featured?limit=2').expect(200)
      ).body;
      expect(first.items.map((t) => t.id)).to.deep.equal(ids.slice(0, 2));
      const second: FeaturedThreadsResponse = (
        await memberClient.get(`/api/v1/threads/featured?limit=2&cursor=${first.nextCursor}`).expect(200)
      ).body;
      expect(second.items[0]?.id).to.equal(ids[2]);
    });
  });

  describe('lock, close and slow mode', () => {
    it('refuses members’ replies to a locked thread with thread_locked, not moderators’, until unlocked', async () => {
      const thread = await buildThread(author, { categoryId: category.id });
      await moderator.client.send('post', url(thread.id, '/lock'), { reason: 'Fuera de control' });
      const refused = await memberClient.send('post', `/api/v1/threads/${thread.id}/posts`, { body: 'Hola' });
      expect(refused.status).to.equal(403);
      expect(refused.body.error.code).to.equal('thread_locked');
      const byModerator = await moderator.client.send('post', `/api/v1/threads/${thread.id}/posts`, {
        body: 'Cerrado por ahora.',
      });
      expect(byModerator.status).to.equal(201);
      await moderator.client.send('post', url(thread.id, '/unlock'), {});
      const ok = await memberClient.send('post', `/api/v1/threads/${thread.id}/posts`, { body: 'Gracias' });
      expect(ok.status).to.equal(201);
      const rows = await history(thread.id);
      expect(rows.map((r) => [r.action, r.before, r.after])).to.deep.equal([
        ['thread.lock', { locked: false }, { locked: true }],
        ['thread.unlock', { locked: true }, { locked: false }],
      ]);
    });

    it('closes a question as answered (it still takes replies, leaves the unanswered list), reopens it, refuses discussions', async () => {
      const here = await buildCategory();
      const question = await buildThread(author, { categoryId: here.id, kind: 'question' });
      const discussion = await buildThread(author, { categoryId: here.id, kind: 'discussion' });
      const unanswered = () => listIds(`/api/v1/categories/${here.slug}/threads?sort=unanswered`);
      expect(await unanswered()).to.include(question.id);
      const closed = await moderator.client.send('post', url(question.id, '/close'), { reason: 'Resuelta' });
      expect(closed.body.thread.closed).to.equal(true);
      expect(await unanswered()).not.to.include(question.id);
      const reply = await memberClient.send('post', `/api/v1/threads/${question.id}/posts`, {
        body: 'Un dato más',
      });
      expect(reply.status).to.equal(201);
      const reopened = await moderator.client.send('post', url(question.id, '/reopen'), {});
      expect(reopened.body.thread.closed).to.equal(false);
      const refused = await moderator.client.send('post', url(discussion.id, '/close'), {});
      expect(refused.status).to.equal(409);
      expect(refused.body.error.code).to.equal('not_a_question');
      expect((await history(question.id)).map((r) => r.action)).to.deep.equal([
        'thread.close',
        'thread.reopen',
      ]);
    });

    it('refuses a second post within the slow-mode window with 429, Retry-After and a localized message', async () => {
      const thread = await buildThread(author, { categoryId: category.id });
      const set = await moderator.client.send('post', url(thread.id, '/slow-mode'), { minutes: 15 });
      expect(set.body.thread.slowModeMinutes).to.equal(15);
      const poster = await signedIn(app, await buildMember(), 'es');
      const first = await poster.send('post', `/api/v1/threads/${thread.id}/posts`, { body: 'Primera' });
      expect(first.status).to.equal(201);
      const second = await poster.send('post', `/api/v1/threads/${thread.id}/posts`, { body: 'Segunda' });
      expect(second.status).to.equal(429);
      expect(second.body.error.code).to.equal('slow_mode');
      const retryAfter = Number(second.headers['retry-after']);
      expect(retryAfter).to.be.within(1, 15 * 60);
      expect(second.body.error.retryAfterSeconds).to.equal(retryAfter);
      expect(second.body.error.message)
        .to.contain('modo lento')
        .and.contain('15 min')
        .and.contain('dentro de 15 minutos');
      const count = await threadOf(memberClient, thread.id);
      expect(count.replyCount).to.equal(1);
      // Other members and moderators are not held back by someone else's post.
      expect(
        (await memberClient.send('post', `/api/v1/threads/${thread.id}/posts`, { body: 'Otra' })).status,
      ).to.equal(201);
      for (const body of ['Mod uno', 'Mod dos']) {
        expect(
          (await moderator.client.send('post', `/api/v1/threads/${thread.id}/posts`, { body })).status,
        ).to.equal(201);
      }
      await moderator.client.send('post', url(thread.id, '/slow-mode'), { minutes: 0, reason: 'Calmado' });
      expect(
        (await poster.send('post', `/api/v1/threads/${thread.id}/posts`, { body: 'Tercera' })).status,
      ).to.equal(201);
      expect((await history(thread.id)).map((r) => [r.action, r.after])).to.deep.equal([
        ['thread.slow_mode', { slowModeMinutes: 15 }],
        ['thread.slow_mode', { slowModeMinutes: 0 }],
      ]);
    });
  });

  describe('edit title and tags', () => {
    it('records the title and tags before and after, and re-indexes the thread for search', async () => {
      const thread = await buildThread(author, {
        categoryId: category.id,
        title: 'Título original',
        tags: ['uno'],
      });
      const res = await moderator.client.send('patch', url(thread.id), {
        title: 'Presupuestos participativos zanahoria',
        tags: ['Datos Abiertos', 'uno'],
        reason: 'Título más claro',
      });
      expect(res.status).to.equal(200);
      expect(res.body.thread).to.include({ title: 'Presupuestos participativos zanahoria' });
      expect(res.body.thread.tags).to.deep.equal(['datos-abiertos', 'uno']);
      const [entry] = await history(thread.id);
      expect(entry?.action).to.equal('thread.edit');
      expect(entry?.before).to.deep.equal({ title: 'Título original', tags: ['uno'] });
      expect(entry?.after).to.deep.equal({
        title: 'Presupuestos participativos zanahoria',
        tags: ['datos-abiertos', 'uno'],
      });
      const search: SearchResponse = (await memberClient.get('/api/v1/search?q=zanahoria').expect(200)).body;
      expect(search.threads.map((t) => t.id)).to.include(thread.id);
      // The author's own edit stays open to them.
      const own = await signedIn(app, author);
      expect(
        (await own.send('patch', `/api/v1/threads/${thread.id}`, { title: 'Mi propio título' })).status,
      ).to.equal(200);
    });
  });

  describe('Merging and moving keep counts, unread positions and follows right', () => {
    it('moves a thread between categories: lists, access, follows and read positions', async () => {
      const [from, to] = [await buildCategory(), await buildCategory()];
      const staffOnly = await buildCategory({ readAccess: 'moderators' });
      const thread = await buildThread(author, { categoryId: from.id });
      await buildReply(author, thread.id);
      await memberClient.send('put', `/api/v1/threads/${thread.id}/follow`);
      await memberClient.send('put', `/api/v1/threads/${thread.id}/read`, { seq: 1 });
      const before = await threadOf(memberClient, thread.id);
      const res = await moderator.client.send('post', url(thread.id, '/move'), {
        categoryId: to.id,
        reason: 'Mejor aquí',
      });
      expect(res.status).to.equal(200);
      expect(res.body.thread).to.include({ categoryId: to.id, categorySlug: to.slug });
      expect(await listIds(`/api/v1/categories/${from.slug}/threads`)).not.to.include(thread.id);
      expect(await listIds(`/api/v1/categories/${to.slug}/threads`)).to.include(thread.id);
      const after = await threadOf(memberClient, thread.id);
      expect(after).to.include({
        following: true,
        lastReadSeq: 1,
        unreadCount: 1,
        postCount: before.postCount,
        replyCount: before.replyCount,
      });
      const [entry] = await history(thread.id);
      expect(entry).to.include({ action: 'thread.move', reason: 'Mejor aquí' });
      expect(entry?.before).to.deep.equal({ categoryId: from.id });
      expect(entry?.after).to.deep.equal({ categoryId: to.id });
      const same = await moderator.client.send('post', url(thread.id, '/move'), { categoryId: to.id });
      expect(same.status).to.equal(400);
      expect(same.body.error.fields).to.have.key('categoryId');
      const archived = await buildCategory({ archived: true });
      expect(
        (await moderator.client.send('post', url(thread.id, '/move'), { categoryId: archived.id })).status,
      ).to.equal(409);
      await moderator.client.send('post', url(thread.id, '/move'), { categoryId: staffOnly.id });
      expect((await memberClient.get(`/api/v1/threads/${thread.id}`)).status).to.equal(404);
      expect(await listIds('/api/v1/threads?limit=100', memberClient)).not.to.include(thread.id);
      expect((await threadOf(moderator.client, thread.id)).categoryId).to.equal(staffOnly.id);
    });

    it('merges A into B: posts appended in time order under B, counts, reads, follows, reactions, search, pointer', async () => {
      const [readerAll, readerPart, readerB, followerA, partOfB] = await Promise.all([
        buildMember(),
        buildMember(),
        buildMember(),
        buildMember(),
        buildMember(),
      ]);
      const here = await buildCategory();
      const b = await buildThread(author, { categoryId: here.id, kind: 'question' });
      const b2 = await buildReply(member, b.id);
      const b3 = await buildReply(readerB, b.id, { parentId: b2.id });
      const a = await buildThread(member, {
        categoryId: here.id,
        kind: 'question',
        body: 'Cuerpo con calabacines',
      });
      const a2 = await buildReply(author, a.id, { body: 'La respuesta aceptada' });
      const a3 = await buildReply(readerAll, a.id, { parentId: a2.id, body: 'Respuesta anidada' });
      // The asker of A accepted an answer; B has none.
      await (await signedIn(app, member)).send('post', `/api/v1/threads/${a.id}/accept`, { postId: a2.id });
      const reactor = await signedIn(app, readerB);
      await reactor.send('post', `/api/v1/posts/${a2.id}/reactions`, { kind: 'helpful' });
      const clients = {
        all: await signedIn(app, readerAll),
        part: await signedIn(app, readerPart),
        b: await signedIn(app, partOfB),
        followerA: await signedIn(app, followerA),
      };
      await clients.all.send('put', `/api/v1/threads/${a.id}/read`, { seq: 3 });
      await clients.all.send('put', `/api/v1/threads/${b.id}/read`, { seq: 3 });
      await clients.part.send('put', `/api/v1/threads/${a.id}/read`, { seq: 1 });
      await clients.part.send('put', `/api/v1/threads/${b.id}/read`, { seq: 3 });
      await clients.b.send('put', `/api/v1/threads/${b.id}/read`, { seq: 2 });
      await clients.followerA.send('put', `/api/v1/threads/${a.id}/follow`);
      await clients.followerA.send('put', `/api/v1/threads/${a.id}/read`, { seq: 3 });

      const res = await moderator.client.send('post', url(a.id, '/merge'), {
        targetId: b.id,
        reason: 'Duplicada',
      });
      expect(res.status).to.equal(200);
      const merged = res.body.thread as ThreadDto;
      expect(merged).to.include({ id: b.id, postCount: 6, replyCount: 5, acceptedPostId: a2.id });

      const page: ThreadResponse = (
        await clients.b.get(`/api/v1/threads/${b.id}?view=chronological`).expect(200)
      ).body;
      expect(page.posts.map((p) => [p.id, p.seq, p.parentId, p.depth])).to.deep.equal([
        [b.rootPostId, 1, null, 0],
        [b2.id, 2, b.rootPostId, 1],
        [b3.id, 3, b2.id, 2],
        [a.rootPostId, 4, b.rootPostId, 1],
        [a2.id, 5, a.rootPostId, 2],
        [a3.id, 6, a2.id, 3],
      ]);
      expect(page.acceptedPost?.id).to.equal(a2.id);
      expect(page.acceptedPost?.reactions.helpful).to.equal(1);
      const threaded: ThreadResponse = (await clients.b.get(`/api/v1/threads/${b.id}`).expect(200)).body;
      expect(threaded.posts.map((p) => p.id)).to.deep.equal([
        b.rootPostId,
        b2.id,
        b3.id,
        a.rootPostId,
        a2.id,
        a3.id,
      ]);
      expect(merged.lastPostAt).to.equal(page.posts.at(-1)?.createdAt);

      // Unread: read all of both → nothing unread; read all of B and the first of A → 2 unread; read part of B → 4.
      expect(await threadOf(clients.all, b.id)).to.include({ unreadCount: 0, following: true });
      expect(await threadOf(clients.part, b.id)).to.include({ lastReadSeq: 4, unreadCount: 2 });
      expect(await threadOf(clients.b, b.id)).to.include({ lastReadSeq: 2, unreadCount: 4 });
      // Read only A: B's own posts are new to them; the follow moved.
      expect(await threadOf(clients.followerA, b.id)).to.include({
        following: true,
        lastReadSeq: 0,
        unreadCount: 6,
      });

      const pointer: ThreadResponse = (await clients.followerA.get(`/api/v1/threads/${a.id}`).expect(200))
        .body;
      expect(pointer.thread.mergedInto).to.equal(b.id);
      expect(pointer.posts).to.deep.equal([]);
      expect(await listIds(`/api/v1/categories/${here.slug}/threads`)).to.deep.equal([b.id]);
      const reply = await memberClient.send('post', `/api/v1/threads/${a.id}/posts`, { body: 'Tarde' });
      expect(reply.status).to.equal(409);
      expect(reply.body.error.code).to.equal('thread_merged');

      const search: SearchResponse = (await memberClient.get('/api/v1/search?q=calabacines').expect(200))
        .body;
      expect(search.threads.map((t) => t.id)).to.deep.equal([b.id]);

      const [entry] = await history(a.id);
      expect(entry).to.include({ action: 'thread.merge', actorId: moderator.id, reason: 'Duplicada' });
      expect(entry?.after).to.deep.include({ mergedInto: b.id, movedPosts: 3 });

      const again = await moderator.client.send('post', url(a.id, '/merge'), { targetId: b.id });
      expect(again.status).to.equal(409);
      const other = await buildThread(author, { categoryId: here.id });
      const intoMerged = await moderator.client.send('post', url(other.id, '/merge'), { targetId: a.id });
      expect(intoMerged.status).to.equal(400);
      expect(intoMerged.body.error.fields).to.have.key('targetId');
      const shelf = await buildCategory();
      const archivedTarget = await buildThread(author, { categoryId: shelf.id });
      await app.pool.query('update categories set archived_at = now() where id = $1', [shelf.id]);
      const intoArchived = await moderator.client.send('post', url(other.id, '/merge'), {
        targetId: archivedTarget.id,
      });
      expect(intoArchived.status).to.equal(409);
      expect(intoArchived.body.error.code).to.equal('category_archived');
      const intoItself = await moderator.client.send('post', url(other.id, '/merge'), { targetId: other.id });
      expect(intoItself.status).to.equal(400);
    });

    it('drops the merged thread’s accepted answer when the target already has one', async () => {
      const b = await buildThread(author, { categoryId: category.id, kind: 'question' });
      const bAnswer = await buildReply(member, b.id);
      const a = await buildThread(author, { categoryId: category.id, kind: 'question' });
      const aAnswer = await buildReply(member, a.id);
      const asker = await signedIn(app, author);
      await asker.send('post', `/api/v1/threads/${b.id}/accept`, { postId: bAnswer.id });
      await asker.send('post', `/api/v1/threads/${a.id}/accept`, { postId: aAnswer.id });
      const res = await moderator.client.send('post', url(a.id, '/merge'), { targetId: b.id });
      expect(res.body.thread).to.include({ acceptedPostId: bAnswer.id, postCount: 4, replyCount: 3 });
    });
  });
});
