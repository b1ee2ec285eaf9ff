import { expect } from 'chai';
import { getTestApp, type TestApp } from '../helpers/app';
import { ApiClient } from '../helpers/http';
import { buildMember, buildThread } from '../helpers/factories';
import type { ThreadResponse } from '@shared/api/threads';
import { countQueries } from '../helpers/database';

describe('a thread of 1 000 posts', () => {
  let app: TestApp;
  let threadId: string;

  before(async function () {
    this.timeout(120_000);
    app = await getTestApp();
    const members = await Promise.all([buildMember(), buildMember(), buildMember()]);
    const thread = await buildThread(members[0]);
    threadId = thread.id;
    // 999 direct replies to the opening post.
    await app.pool.query(
      `insert into posts (thread_id, author_id, parent_id, seq, path, body_source, body_html)
       select $1, (array[$2, $3, $4]::uuid[])[1 + s % 3], $5, s, array[1, s], 'Reply ' || s, '<p>Reply ' || s || '</p>'
       from generate_series(2, 1000) as s`,
      [threadId, members[0].id, members[1].id, members[2].id, thread.rootPostId],
    );
    await app.pool.query(
      `insert into post_reactions (post_id, member_id, kind)
       select id, $2, 'like' from posts where thread_id = $1 and seq % 7 = 0`,
      [threadId, members[1].id],
    );
    await app.pool.query('update threads set post_count = 1000, reply_count = 999 where id = $1', [threadId]);
    await app.pool.query('analyze posts');
    await app.pool.query('analyze threads');
  });

  it('renders its first page with a bounded number of SQL queries, whatever its length', async () => {
    const member = await buildMember();
    const client = new ApiClient(app.url);
    await client.signIn(member.email, member.password);
    let body: ThreadResponse | undefined;
    const queries = await countQueries(app.pool, async () => {
      body = (await client.get(`/api/v1/threads/${threadId}`).expect(200)).body as ThreadResponse;
    });
    expect(body?.posts).to.have.length(100);
    expect(body?.nextCursor).to.be.a('string');
    expect(body?.posts.filter((p) => p.reactions.like > 0)).to.have.length.greaterThan(10);
    // session + member (2), thread, posts page, reactions, authors' badges (4): no query per post.
    expect(queries).to.be.at.most(7);
    const anonymous = await countQueries(app.pool, () =>
      new ApiClient(app.url).get(`/api/v1/threads/${threadId}?view=chronological&limit=200`).expect(200),
    );
    expect(anonymous).to.be.at.most(5);
  });

  it('reads the thread view through the posts index (EXPLAIN)', async () => {
    {
      for (const order of ['path', 'seq']) {
        const plan = await app.pool.query(
          `explain select id from posts where thread_id = $1 and (deleted_at is null) order by ${order} limit 101`,
          [threadId],
        );
        const text = plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
        expect(text).to.match(/Index Scan using posts_thread_(path_idx|seq_key)/);
      }
    }
  });
});
