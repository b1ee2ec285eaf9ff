import { expect } from 'chai';
import { getTestApp, startTestApp, type TestApp } from '../helpers/app';
import { ApiClient } from '../helpers/http';
import {
  buildMember,
  buildReply,
  buildThread,
  setMemberStatus,
  type BuiltMember,
} from '../helpers/factories';
import type { ThreadResponse } from '@shared/api/threads';
import { enrolTwoFactor } from '../helpers/totp';

async function signedIn(app: TestApp, member: BuiltMember, lang?: string): Promise<ApiClient> {
  const client = new ApiClient(app.url, undefined, lang);
  await client.signIn(member.email, member.password);
  return client;
}

describe('PostService over HTTP', () => {
  let app: TestApp;
  let author: BuiltMember;
  let other: BuiltMember;
  let moderator: BuiltMember;

  before(async () => {
    app = await getTestApp();
    [author, other, moderator] = await Promise.all([
      buildMember(),
      buildMember(),
      buildMember({ role: 'moderator' }),
    ]);
  });

  describe('POST /api/v1/threads/:id/posts', () => {
    it('refuses visitors (401), pending members (403), unknown threads (404) and empty bodies (400)', async () => {
      const thread = await buildThread(author);
      expect(
        (await new ApiClient(app.url).send('post', `/api/v1/threads/${thread.id}/posts`, { body: 'hi' }))
          .status,
      ).to.equal(401);
      const pending = await buildMember();
      await setMemberStatus(pending.id, 'pending');
      expect(
        (
          await (
            await signedIn(app, pending)
          ).send('post', `/api/v1/threads/${thread.id}/posts`, { body: 'hi' })
        ).status,
      ).to.equal(403);
      const client = await signedIn(app, other);
      expect(
        (
          await client.send('post', '/api/v1/threads/00000000-0000-4000-8000-000000000000/posts', {
            body: 'hi',
          })
        ).status,
      ).to.equal(404);
      const empty = await client.send('post', `/api/v1/threads/${thread.id}/posts`, { body: '   ' });
      expect(empty.status).to.equal(400);
      expect(empty.body.error.fields.body.code).to.equal('required');
      const long = await client.send('post', `/api/v1/threads/${thread.id}/posts`, {
        body: 'é'.repeat(20_001),
      });
      expect(long.status).to.equal(413);
    });

    it('refuses a reply whose parent is in another thread', async () => {
      const [t1, t2] = [await buildThread(author), await buildThread(author)];
      const foreign = await buildReply(other, t2.id);
      const res = await (
        await signedIn(app, other)
      ).send('post', `/api/v1/threads/${t1.id}/posts`, { body: 'x', parentId: foreign.id });
      expect(res.status).to.equal(400);
      expect(res.body.error.fields.parentId.code).to.equal('parent_not_in_thread');
      const count = await app.pool.query('select count(*)::int as n from posts where thread_id = $1', [
        t1.id,
      ]);
      expect(count.rows[0].n).to.equal(1);
    });

    it('replies to a reply, at depth 2, and keeps counts and the last activity in step', async () => {
      const thread = await buildThread(author);
      const client = await signedIn(app, other);
      const first = await client.send('post', `/api/v1/threads/${thread.id}/posts`, { body: 'First' });
      expect(first.status).to.equal(201);
      expect(first.body.post).to.include({ depth: 1, parentId: thread.rootPostId, seq: 2 });
      const nested = await client.send('post', `/api/v1/threads/${thread.id}/posts`, {
        body: 'Nested',
        parentId: first.body.post.id,
      });
      expect(nested.body.post).to.include({ depth: 2, parentId: first.body.post.id, seq: 3 });
      const view = (await client.get(`/api/v1/threads/${thread.id}`)).body as ThreadResponse;
      expect(view.thread).to.include({ replyCount: 2, postCount: 3 });
    });

    it('refuses replies to a locked thread, except from moderators', async () => {
      const thread = await buildThread(author);
      await app.pool.query('update threads set locked_at = now() where id = $1', [thread.id]);
      const res = await (
        await signedIn(app, other)
      ).send('post', `/api/v1/threads/${thread.id}/posts`, { body: 'x' });
      expect(res.status).to.equal(403);
      expect(res.body.error.code).to.equal('thread_locked');
      // Replying to a locked thread is a staff power: it comes with a second factor.
      const modClient = await signedIn(app, await buildMember({ role: 'moderator' }));
      const unenrolled = await modClient.send('post', `/api/v1/threads/${thread.id}/posts`, { body: 'Note' });
      expect(unenrolled.status).to.equal(403);
      expect(unenrolled.body.error.code).to.equal('thread_locked');
      await enrolTwoFactor(modClient);
      const mod = await modClient.send('post', `/api/v1/threads/${thread.id}/posts`, {
        body: 'Moderator note',
      });
      expect(mod.status).to.equal(201);
    });

    it('keeps seq unique and the counts right under 50 concurrent replies', async function () {
      this.timeout(120_000);
      const thread = await buildThread(author);
      const repliers = await Promise.all(Array.from({ length: 50 }, () => buildMember()));
      const clients = await Promise.all(repliers.map((m) => signedIn(app, m)));
      const results = await Promise.all(
        clients.map((c, i) => c.send('post', `/api/v1/threads/${thread.id}/posts`, { body: `Reply ${i}` })),
      );
      expect(results.map((r) => r.status)).to.deep.equal(Array(50).fill(201));
      const seqs = results.map((r) => r.body.post.seq as number).sort((a, b) => a - b);
      expect(seqs).to.deep.equal(Array.from({ length: 50 }, (_, i) => i + 2));
      const row = await app.pool.query('select reply_count, post_count from threads where id = $1', [
        thread.id,
      ]);
      expect(row.rows[0]).to.deep.equal({ reply_count: 50, post_count: 51 });
      const count = await app.pool.query('select count(*)::int as n from posts where thread_id = $1', [
        thread.id,
      ]);
      expect(count.rows[0].n).to.equal(51);
    });

    it('links mentions of real members, and the member mentioned is notified', async () => {
      const thread = await buildThread(other);
      const res = await (
        await signedIn(app, other)
      ).send('post', `/api/v1/threads/${thread.id}/posts`, {
        body: `Thanks @${author.handle} and @nobody_here_at_all`,
      });
      expect(res.body.post.html).to.contain(`<a href="/members/${author.handle}" class="mention"`);
      expect(res.body.post.html).not.to.contain('/members/nobody_here_at_all');
      const inbox = await (await signedIn(app, author)).get('/api/v1/notifications');
      const mentions = (inbox.body.items as { kind: string; link: string }[]).filter(
        (n) => n.kind === 'mention' && n.link.endsWith(`#post-${res.body.post.id}`),
      );
      expect(mentions, 'one mention notification for the post').to.have.length(1);
    });
  });

  describe('PATCH and DELETE /api/v1/posts/:id', () => {
    it('lets the author edit, keeps revisions for author and moderators, refuses others', async () => {
      const thread = await buildThread(author);
      const reply = await buildReply(other, thread.id, { body: 'Original text' });
      const mine = await signedIn(app, other);
      const edited = await mine.send('patch', `/api/v1/posts/${reply.id}`, { body: 'Edited *text*' });
      expect(edited.status).to.equal(200);
      expect(edited.body.post).to.include({ edited: true });
      expect(edited.body.post.html).to.contain('<em>text</em>');
      const stranger = await signedIn(app, author);
      expect((await stranger.send('patch', `/api/v1/posts/${reply.id}`, { body: 'Nope' })).status).to.equal(
        403,
      );
      expect((await stranger.get(`/api/v1/posts/${reply.id}/revisions`)).status).to.equal(403);
      const revisions = await mine.get(`/api/v1/posts/${reply.id}/revisions`).expect(200);
      expect(revisions.body.items.map((r: { source: string }) => r.source)).to.deep.equal(['Original text']);
      // Editing someone else's post is a moderator's action: it takes the second factor staff routes ask.
      const editor = await buildMember({ role: 'moderator' });
      const mod = await signedIn(app, editor);
      await enrolTwoFactor(mod);
      expect((await mod.send('patch', `/api/v1/posts/${reply.id}`, { body: 'Moderated' })).status).to.equal(
        200,
      );
      const after = await mod.get(`/api/v1/posts/${reply.id}/revisions`).expect(200);
      expect(after.body.items[1].editor.id).to.equal(editor.id);
      expect(after.body.items).to.have.length(2);
      expect(
        (await new ApiClient(app.url).send('patch', `/api/v1/posts/${reply.id}`, { body: 'x' })).status,
      ).to.equal(401);
      expect((await mine.send('patch', `/api/v1/posts/${reply.id}`, { body: '' })).status).to.equal(400);
      expect(
        (await mine.send('patch', `/api/v1/posts/${reply.id}`, { body: 'x'.repeat(20_001) })).status,
      ).to.equal(413);
      expect(
        (await mine.send('patch', '/api/v1/posts/00000000-0000-4000-8000-000000000000', { body: 'x' }))
          .status,
      ).to.equal(404);
    });

    it('soft-deletes: a placeholder stays while replies hang from it, a leaf disappears', async () => {
      const thread = await buildThread(author);
      const parent = await buildReply(other, thread.id);
      const child = await buildReply(author, thread.id, { parentId: parent.id });
      const leaf = await buildReply(other, thread.id);
      const client = await signedIn(app, other);
      expect(
        (await (await signedIn(app, author)).send('delete', `/api/v1/posts/${parent.id}`)).status,
      ).to.equal(403);
      const res = await client.send('delete', `/api/v1/posts/${parent.id}`);
      expect(res.status).to.equal(200);
      expect(res.body.post).to.include({ deleted: true, html: '', author: null });
      await client.send('delete', `/api/v1/posts/${leaf.id}`);
      const view = (await client.get(`/api/v1/threads/${thread.id}`)).body as ThreadResponse;
      expect(view.posts.map((p) => p.id)).to.deep.equal([thread.rootPostId, parent.id, child.id]);
      expect(view.posts[1]).to.include({ deleted: true, html: '' });
      expect(view.thread.replyCount).to.equal(1);
      expect((await client.send('delete', `/api/v1/posts/${leaf.id}`)).status).to.equal(404);
      expect((await new ApiClient(app.url).send('delete', `/api/v1/posts/${child.id}`)).status).to.equal(401);
    });
  });

  describe('POST /api/v1/posts/:id/reactions', () => {
    it('toggles one reaction of each kind per member and counts them', async () => {
      const thread = await buildThread(author);
      const reply = await buildReply(other, thread.id);
      const a = await signedIn(app, author);
      const b = await signedIn(app, moderator);
      await a.send('post', `/api/v1/posts/${reply.id}/reactions`, { kind: 'helpful' });
      const second = await b.send('post', `/api/v1/posts/${reply.id}/reactions`, { kind: 'helpful' });
      expect(second.body.post.reactions.helpful).to.equal(2);
      expect(second.body.myReactions).to.deep.equal(['helpful']);
      const undone = await a.send('post', `/api/v1/posts/${reply.id}/reactions`, { kind: 'helpful' });
      expect(undone.body.post.reactions.helpful).to.equal(1);
      expect(undone.body.myReactions).to.deep.equal([]);
      expect(
        (await a.send('post', `/api/v1/posts/${reply.id}/reactions`, { kind: 'angry' })).status,
      ).to.equal(400);
      expect(
        (await new ApiClient(app.url).send('post', `/api/v1/posts/${reply.id}/reactions`, { kind: 'like' }))
          .status,
      ).to.equal(401);
      const view = (await b.get(`/api/v1/threads/${thread.id}`)).body as ThreadResponse;
      expect(view.myReactions[reply.id]).to.deep.equal(['helpful']);
    });
  });

  describe('POST /api/v1/threads/:id/accept', () => {
    it('lets the asker accept and unaccept, shows the answer first, refuses others and discussions', async () => {
      const thread = await buildThread(author, { kind: 'question' });
      const answer = await buildReply(other, thread.id);
      await buildReply(moderator, thread.id);
      const asker = await signedIn(app, author);
      expect(
        (
          await (
            await signedIn(app, other)
          ).send('post', `/api/v1/threads/${thread.id}/accept`, { postId: answer.id })
        ).status,
      ).to.equal(403);
      expect(
        (await asker.send('post', `/api/v1/threads/${thread.id}/accept`, { postId: thread.rootPostId }))
          .status,
      ).to.equal(400);
      expect(
        (await asker.send('post', `/api/v1/threads/${thread.id}/accept`, { postId: 'x' })).status,
      ).to.equal(400);
      const accepted = await asker.send('post', `/api/v1/threads/${thread.id}/accept`, { postId: answer.id });
      expect(accepted.body.thread.acceptedPostId).to.equal(answer.id);
      const view = (await new ApiClient(app.url).get(`/api/v1/threads/${thread.id}`)).body as ThreadResponse;
      expect(view.acceptedPost?.id).to.equal(answer.id);
      const undone = await asker.send('post', `/api/v1/threads/${thread.id}/accept`, { postId: null });
      expect(undone.body.thread.acceptedPostId).to.equal(null);
      const discussion = await buildThread(author, { kind: 'discussion' });
      const reply = await buildReply(other, discussion.id);
      expect(
        (await asker.send('post', `/api/v1/threads/${discussion.id}/accept`, { postId: reply.id })).status,
      ).to.equal(409);
      expect(
        (
          await new ApiClient(app.url).send('post', `/api/v1/threads/${thread.id}/accept`, {
            postId: answer.id,
          })
        ).status,
      ).to.equal(401);
    });
  });

  describe('POST /api/v1/preview', () => {
    it('renders a draft as it would be stored, for members only', async () => {
      const res = await (
        await signedIn(app, other)
      ).send('post', '/api/v1/preview', { body: '# Title\n<script>alert(1)</script>' });
      expect(res.status).to.equal(200);
      expect(res.body.html).to.contain('<h3>Title</h3>');
      expect(res.body.html).not.to.contain('<script');
      expect((await new ApiClient(app.url).send('post', '/api/v1/preview', { body: 'x' })).status).to.equal(
        401,
      );
      expect(
        (await (await signedIn(app, other)).send('post', '/api/v1/preview', { body: 'x'.repeat(20_001) }))
          .status,
      ).to.equal(413);
    });
  });

  describe('posting limits', () => {
    // Windows far apart (10 s against an hour) tell the two rules apart by the Retry-After each one
    // announces, so nothing here depends on how long the requests take.
    let limited: TestApp;
    let categoryId: string;
    before(async () => {
      limited = await startTestApp(
        {},
        { postLimits: { intervalSeconds: 10, newMemberIntervalSeconds: 3600 } },
      );
      const created = await limited.pool.query<{ id: string }>(
        "insert into categories (slug) values ('limits') returning id",
      );
      categoryId = created.rows[0]!.id;
      await limited.pool.query(
        "insert into category_translations (category_id, locale, name) values ($1, 'es', 'Límites')",
        [categoryId],
      );
    });
    after(() => limited.dispose());

    async function registered(ageDays: number): Promise<ApiClient> {
      const client = new ApiClient(limited.url, undefined, 'es');
      const email = `rl-${Math.random().toString(36).slice(2)}@example.org`;
      const res = await client.send('post', '/api/v1/auth/register', {
        email,
        password: 'correct horse battery staple',
        displayName: 'Rate Limited',
      });
      expect(res.status).to.equal(201);
      await limited.pool.query(
        "update members set status = 'active', created_at = now() - make_interval(days => $2) where email = $1",
        [email, ageDays],
      );
      await client.session();
      return client;
    }

    async function postTwice(client: ApiClient) {
      const first = await client.send('post', '/api/v1/threads', {
        categoryId,
        title: 'First thread',
        body: 'Body',
        kind: 'discussion',
      });
      expect(first.status).to.equal(201);
      const second = await client.send('post', `/api/v1/threads/${first.body.thread.id}/posts`, {
        body: 'Too soon',
      });
      return { threadId: first.body.thread.id as string, second };
    }

    it('refuses an established member’s second post within 10 s, announcing at most 10 s to wait', async () => {
      const client = await registered(3);
      const { second } = await postTwice(client);
      expect(second.status).to.equal(429);
      expect(second.body.error.code).to.equal('posting_too_fast');
      expect(second.body.error.message).to.be.a('string').and.not.equal('posting_too_fast');
      expect(Number(second.headers['retry-after'])).to.be.within(1, 10);
    });

    it('applies the stricter window to an account younger than a day', async () => {
      const client = await registered(0);
      const { second } = await postTwice(client);
      expect(second.status).to.equal(429);
      expect(second.body.error.code).to.equal('posting_too_fast');
      expect(Number(second.headers['retry-after'])).to.be.within(11, 3600);
    });

    it('counts each member separately and writes nothing for a refused post', async () => {
      const first = await registered(3);
      const { threadId, second } = await postTwice(first);
      expect(second.status).to.equal(429);
      const other = await registered(3);
      const reply = await other.send('post', `/api/v1/threads/${threadId}/posts`, { body: 'My turn' });
      expect(reply.status).to.equal(201);
      const { rows } = await limited.pool.query<{ n: number; replies: number }>(
        'select (select count(*)::int from posts where thread_id = $1) as n, reply_count as replies from threads where id = $1',
        [threadId],
      );
      expect(rows[0]).to.deep.equal({ n: 2, replies: 1 });
    });
  });
});
