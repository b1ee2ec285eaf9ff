import { expect } from 'chai';
import { getTestApp, type TestApp } from '../helpers/app';
import { ApiClient } from '../helpers/http';
import { buildCategory, buildMember } from '../helpers/factories';
import { XSS_VECTORS, unsafeHtmlProblems } from '../helpers/xss-vectors';

describe('stored HTML of hostile posts', () => {
  let app: TestApp;
  let client: ApiClient;
  let categoryId: string;

  before(async () => {
    app = await getTestApp();
    const member = await buildMember();
    client = new ApiClient(app.url);
    await client.signIn(member.email, member.password);
    categoryId = (await buildCategory()).id;
  });

  it('has at least 60 vectors, and the checker itself catches executable HTML', () => {
    expect(XSS_VECTORS.length).to.be.at.least(60);
    expect(unsafeHtmlProblems('<img src=x onerror=alert(1)>')).to.have.length.greaterThan(0);
    expect(unsafeHtmlProblems('<a href="javascript:alert(1)">x</a>')).to.have.length.greaterThan(0);
    expect(unsafeHtmlProblems('<svg onload=alert(1)>')).to.have.length.greaterThan(0);
    expect(
      unsafeHtmlProblems('<p>fine <a href="https://x.org" rel="nofollow ugc noopener">x</a></p>'),
    ).to.deep.equal([]);
  });

  it('never stores executable HTML for any vector, as a thread body, a reply or an edit', async function () {
    this.timeout(120_000);
    const created = await client.send('post', '/api/v1/threads', {
      categoryId,
      title: '<img src=x onerror=window.__xss=1> title',
      body: XSS_VECTORS.join('\n\n'),
      kind: 'discussion',
      tags: ['<script>', 'onerror=x'],
    });
    expect(created.status).to.equal(201);
    expect(created.body.thread.tags).to.deep.equal(['onerror-x', 'script']);
    const threadId = created.body.thread.id as string;
    for (const vector of XSS_VECTORS) {
      const res = await client.send('post', `/api/v1/threads/${threadId}/posts`, { body: vector });
      expect(res.status, vector).to.equal(201);
      expect(unsafeHtmlProblems(res.body.post.html), vector).to.deep.equal([]);
    }
    const stored = await app.pool.query<{ body_html: string }>(
      'select body_html from posts where thread_id = $1',
      [threadId],
    );
    expect(stored.rows).to.have.length(XSS_VECTORS.length + 1);
    for (const row of stored.rows) expect(unsafeHtmlProblems(row.body_html), row.body_html).to.deep.equal([]);
  });
});
