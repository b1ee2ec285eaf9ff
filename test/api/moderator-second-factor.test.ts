import { expect } from 'chai';
import { getTestApp, type TestApp } from '../helpers/app';
import { ApiClient } from '../helpers/http';
import { buildMember, buildReply, buildThread, type BuiltMember } from '../helpers/factories';
import { enrolTwoFactor } from '../helpers/totp';
import { text } from '../helpers/copy';

/**
 * Moderators act on others' content through routes authors share (`PATCH /posts/:id`, `DELETE /posts/:id`,
 * `PATCH /threads/:id`, `POST /threads/:id/accept`), which cannot carry the staff guard: the services ask
 * for the second factor that every staff route asks for.
 */
describe('moderators acting on others’ content through shared routes', function () {
  this.timeout(60_000);
  let app: TestApp;
  let author: BuiltMember;
  let authorClient: ApiClient;
  let bare: ApiClient;
  let enrolled: ApiClient;

  const signedIn = async (member: BuiltMember) => {
    const client = new ApiClient(app.url, undefined, 'es');
    expect((await client.signIn(member.email, member.password)).status).to.equal(200);
    return client;
  };
  const refused = (res: { status: number; body: { error?: { code: string; message: string } } }) => {
    expect(res.status, JSON.stringify(res.body)).to.equal(403);
    expect(res.body.error?.code).to.equal('second_factor_required');
    expect(res.body.error?.message).to.equal(text('es', 'errors:second_factor_required'));
  };

  before(async () => {
    app = await getTestApp();
    author = await buildMember({ locale: 'es' });
    authorClient = await signedIn(author);
    bare = await signedIn(await buildMember({ role: 'moderator', locale: 'es' }));
    enrolled = await signedIn(await buildMember({ role: 'moderator', locale: 'es' }));
    await enrolTwoFactor(enrolled);
  });

  it('refuses editing and deleting someone else’s post without a second factor, changing nothing', async () => {
    const thread = await buildThread(author, { body: 'Texto original.' });
    const reply = await buildReply(author, thread.id, { body: 'Respuesta original.' });
    refused(await bare.send('patch', `/api/v1/posts/${reply.id}`, { body: 'Reescrito.' }));
    refused(await bare.send('delete', `/api/v1/posts/${reply.id}`));
    refused(await bare.send('patch', `/api/v1/posts/${thread.rootPostId}`, { body: 'Reescrito.' }));
    const page = await authorClient.get(`/api/v1/threads/${thread.id}`).expect(200);
    const posts = (page.body as { posts: { id: string; html: string; deleted?: boolean }[] }).posts;
    expect(posts.find((p) => p.id === reply.id)?.html).to.contain('Respuesta original');
    expect(posts.find((p) => p.id === thread.rootPostId)?.html).to.contain('Texto original');
  });

  it('refuses pinning, locking, retitling and accepting on someone else’s thread without one', async () => {
    const thread = await buildThread(author, { kind: 'question' });
    const reply = await buildReply(author, thread.id);
    refused(await bare.send('patch', `/api/v1/threads/${thread.id}`, { locked: true }));
    refused(await bare.send('patch', `/api/v1/threads/${thread.id}`, { pinned: true }));
    refused(await bare.send('patch', `/api/v1/threads/${thread.id}`, { title: 'Otro título de moderación' }));
    refused(await bare.send('post', `/api/v1/threads/${thread.id}/accept`, { postId: reply.id }));
    const page = await authorClient.get(`/api/v1/threads/${thread.id}`).expect(200);
    const got = (page.body as { thread: { locked: boolean; pinned: boolean; acceptedPostId: string | null } })
      .thread;
    expect([got.locked, got.pinned, got.acceptedPostId]).to.deep.equal([false, false, null]);
  });

  it('lets a moderator with a second factor do all of it', async () => {
    const thread = await buildThread(author, { kind: 'question' });
    const reply = await buildReply(author, thread.id);
    expect((await enrolled.send('patch', `/api/v1/posts/${reply.id}`, { body: 'Editado.' })).status).to.equal(
      200,
    );
    expect((await enrolled.send('patch', `/api/v1/threads/${thread.id}`, { locked: true })).status).to.equal(
      200,
    );
    expect((await enrolled.send('patch', `/api/v1/threads/${thread.id}`, { pinned: true })).status).to.equal(
      200,
    );
    expect(
      (await enrolled.send('post', `/api/v1/threads/${thread.id}/accept`, { postId: reply.id })).status,
    ).to.equal(200);
    expect((await enrolled.send('delete', `/api/v1/posts/${reply.id}`)).status).to.equal(200);
  });

  it('still lets authors, and moderators on their own content, act without one', async () => {
    const thread = await buildThread(author, { kind: 'question' });
    const reply = await buildReply(author, thread.id);
    expect((await authorClient.send('patch', `/api/v1/posts/${reply.id}`, { body: 'Mío.' })).status).to.equal(
      200,
    );
    expect(
      (await authorClient.send('patch', `/api/v1/threads/${thread.id}`, { title: 'Mi título cambiado' }))
        .status,
    ).to.equal(200);
    expect(
      (await authorClient.send('post', `/api/v1/threads/${thread.id}/accept`, { postId: reply.id })).status,
    ).to.equal(200);
    expect((await authorClient.send('delete', `/api/v1/posts/${reply.id}`)).status).to.equal(200);
    const own = await bare.send('post', `/api/v1/threads/${thread.id}/posts`, { body: 'Mi respuesta.' });
    expect(own.status, JSON.stringify(own.body)).to.equal(201);
    const ownId = (own.body as { post: { id: string } }).post.id;
    expect((await bare.send('patch', `/api/v1/posts/${ownId}`, { body: 'Corregida.' })).status).to.equal(200);
    expect((await bare.send('delete', `/api/v1/posts/${ownId}`)).status).to.equal(200);
  });
});
