import { expect } from 'chai';
import type { CreateThreadResponse, ThreadResponse } from '@shared/api/threads';
import type { QueueItemResponse } from '@shared/api/moderation';
import type { HeldPostListResponse } from '@shared/api/safeguards';
import { startTestApp, type TestApp } from '../helpers/app';
import { buildCategory, unique } from '../helpers/factories';
import { text } from '../helpers/copy';
import { openItemFor, personOn, type Person } from '../helpers/safeguards';

describe('safeguards: a post edited while it waits for review', function () {
  this.timeout(60_000);
  let app: TestApp;
  let category: { id: string; slug: string };
  let moderator: Person;
  let reader: Person;

  before(async () => {
    app = await startTestApp({ NEW_MEMBER_REVIEW_POSTS: '3', REQUIRE_EMAIL_VERIFICATION: 'false' });
    category = await buildCategory({}, app);
    moderator = await personOn(app, { role: 'moderator' });
    reader = await personOn(app);
  });
  after(async () => {
    await app.dispose();
  });

  const newThread = async (author: Person, title: string, body: string) => {
    const res = await author.client.send('post', '/api/v1/threads', {
      categoryId: category.id,
      kind: 'discussion',
      title,
      body,
      lang: 'es',
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const created = res.body as CreateThreadResponse;
    expect(created.post.hidden).to.equal('pending_review');
    return created;
  };
  const detail = async (id: string) =>
    ((await moderator.client.get(`/api/v1/moderation/items/${id}`).expect(200)).body as QueueItemResponse)
      .detail;
  const approve = (id: string, body: object) =>
    moderator.client.send('post', `/api/v1/moderation/items/${id}/approve`, body);

  it('shows the new text, refuses to approve the version the moderator saw, and publishes the one shown', async () => {
    const author = await personOn(app);
    const created = await newThread(author, `Compras públicas ${unique()}`, 'Versión original del texto.');
    const item = await openItemFor(app, created.post.id);
    const seen = await detail(item!.id);
    expect(seen.snapshot.source).to.equal('Versión original del texto.');
    expect(seen.snapshot.html).to.contain('Versión original');

    const edit = await author.client.send('patch', `/api/v1/posts/${created.post.id}`, {
      body: 'Versión editada después: [otro enlace](https://example.org/promo).',
    });
    expect(edit.status, JSON.stringify(edit.body)).to.equal(200);

    const now = await detail(item!.id);
    expect(now.snapshot.source).to.contain('Versión editada');
    expect(now.snapshot.html).to.contain('Versión editada');
    expect(now.snapshot.version).to.be.a('number').and.not.equal(seen.snapshot.version);
    expect(now.history.map((h) => [h.action, h.actor?.id])).to.deep.include(['item.revise', author.id]);
    const held = (
      (await moderator.client.get(`/api/v1/moderation/held-posts?threadId=${created.thread.id}`).expect(200))
        .body as HeldPostListResponse
    ).items;
    expect(held.map((h) => h.version)).to.deep.equal([now.snapshot.version]);

    const stale = await approve(item!.id, { version: seen.snapshot.version });
    expect(stale.status).to.equal(409);
    expect(stale.body.error.code).to.equal('item_changed');
    expect(stale.body.error.message).to.equal(text('es', 'errors:item_changed'));
    await reader.client.get(`/api/v1/threads/${created.thread.id}`).expect(404);
    expect((await detail(item!.id)).item.status).to.equal('open');

    expect((await approve(item!.id, { version: now.snapshot.version })).status).to.equal(200);
    const page = (await reader.client.get(`/api/v1/threads/${created.thread.id}`).expect(200))
      .body as ThreadResponse;
    expect(page.posts[0]?.html).to.contain('Versión editada');
  });

  it('follows a held thread’s new title the same way', async () => {
    const author = await personOn(app);
    const created = await newThread(author, `Título original ${unique()}`, 'Cuerpo del hilo.');
    const item = await openItemFor(app, created.post.id);
    const seen = await detail(item!.id);
    const title = `Título cambiado ${unique()}`;
    const res = await author.client.send('patch', `/api/v1/threads/${created.thread.id}`, { title });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const now = await detail(item!.id);
    expect(now.snapshot.title).to.equal(title);
    expect(now.snapshot.version).not.to.equal(seen.snapshot.version);
    expect((await approve(item!.id, { version: seen.snapshot.version })).status).to.equal(409);
    expect((await approve(item!.id, { version: now.snapshot.version })).status).to.equal(200);
  });

  it('refuses an approval that does not say which version it is about, changing nothing', async () => {
    const author = await personOn(app);
    const created = await newThread(author, `Sin versión ${unique()}`, 'Texto.');
    const item = await openItemFor(app, created.post.id);
    const res = await approve(item!.id, {});
    expect(res.status).to.equal(400);
    expect((await detail(item!.id)).item.status).to.equal('open');
  });
});
