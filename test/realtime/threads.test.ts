import { expect } from 'chai';
import { getTestApp, type TestApp } from '../helpers/app';
import { ApiClient } from '../helpers/http';
import { connectSocket, sessionCookieFrom, type ClientSocket } from '../helpers/sockets';
import { buildCategory, buildMember, buildThread, type BuiltMember } from '../helpers/factories';
import type { Ack, PostEventPayload, ThreadStatePayload } from '@shared/events';

function watch(
  socket: ClientSocket,
  threadId: string,
  event: 'thread:watch' | 'thread:unwatch' = 'thread:watch',
) {
  return new Promise<Ack>((resolve) => socket.emit(event, { threadId }, resolve));
}

async function memberSocket(app: TestApp, member: BuiltMember) {
  const client = new ApiClient(app.url);
  const res = await client.signIn(member.email, member.password);
  const { socket } = await connectSocket(app.url, { cookie: sessionCookieFrom(res) });
  return { client, socket };
}

describe('thread:watch and live posts', () => {
  let app: TestApp;
  const sockets: ClientSocket[] = [];
  before(async () => {
    app = await getTestApp();
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });

  it('delivers post:created with the rendered post and thread:updated to a watcher when another member replies', async () => {
    const [asker, answerer] = await Promise.all([buildMember(), buildMember()]);
    const thread = await buildThread(asker);
    const watcher = await memberSocket(app, asker);
    const poster = await memberSocket(app, answerer);
    sockets.push(watcher.socket, poster.socket);
    expect(await watch(watcher.socket, thread.id)).to.deep.equal({ ok: true });
    const created = new Promise<PostEventPayload>((resolve) => watcher.socket.once('post:created', resolve));
    const updated = new Promise<{ thread: ThreadStatePayload }>((resolve) =>
      watcher.socket.once('thread:updated', resolve),
    );
    const res = await poster.client.send('post', `/api/v1/threads/${thread.id}/posts`, {
      body: 'Live **reply**',
    });
    expect(res.status).to.equal(201);
    const event = await created;
    expect(event.threadId).to.equal(thread.id);
    expect(event.post).to.deep.equal(res.body.post);
    expect(event.post.html).to.contain('<strong>reply</strong>');
    expect((await updated).thread).to.include({ replyCount: 1, postCount: 2 });
  });

  it('delivers edits and reactions as post:updated, and stops after thread:unwatch', async () => {
    const member = await buildMember();
    const thread = await buildThread(member);
    const watcher = await memberSocket(app, await buildMember());
    sockets.push(watcher.socket);
    await watch(watcher.socket, thread.id);
    const author = new ApiClient(app.url);
    await author.signIn(member.email, member.password);
    const updated = new Promise<PostEventPayload>((resolve) => watcher.socket.once('post:updated', resolve));
    await author.send('post', `/api/v1/posts/${thread.rootPostId}/reactions`, { kind: 'thanks' });
    expect((await updated).post.reactions.thanks).to.equal(1);
    expect(await watch(watcher.socket, thread.id, 'thread:unwatch')).to.deep.equal({ ok: true });
    let received = false;
    watcher.socket.once('post:updated', () => (received = true));
    await author.send('patch', `/api/v1/posts/${thread.rootPostId}`, { body: 'Edited' });
    // A round trip on the same socket: anything emitted before it would have arrived first.
    await watch(watcher.socket, thread.id);
    expect(received).to.equal(false);
  });

  it('refuses to let a visitor watch a members-only thread, or a member watch a staff thread', async () => {
    const moderator = await buildMember({ role: 'moderator' });
    const membersOnly = await buildThread(moderator, {
      categoryId: (await buildCategory({ readAccess: 'members' })).id,
    });
    const staff = await buildThread(moderator, {
      categoryId: (await buildCategory({ readAccess: 'moderators' })).id,
    });
    const { socket: visitor } = await connectSocket(app.url);
    const member = await memberSocket(app, await buildMember());
    sockets.push(visitor, member.socket);
    const refused = await watch(visitor, membersOnly.id);
    expect(refused.ok).to.equal(false);
    if (!refused.ok) expect(refused.error.code).to.equal('not_found');
    expect((await watch(member.socket, membersOnly.id)).ok).to.equal(true);
    const staffRefused = await watch(member.socket, staff.id);
    expect(staffRefused.ok).to.equal(false);
    const bad = await new Promise<Ack>((resolve) =>
      (member.socket as unknown as { emit: (e: string, p: unknown, cb: (a: Ack) => void) => void }).emit(
        'thread:watch',
        { threadId: 'nope' },
        resolve,
      ),
    );
    expect(bad.ok).to.equal(false);
    if (!bad.ok) expect(bad.error.code).to.equal('validation_failed');
  });

  it('lets a reconnecting client fetch what it missed after its last seq', async () => {
    const member = await buildMember();
    const thread = await buildThread(member);
    const client = new ApiClient(app.url);
    await client.signIn(member.email, member.password);
    await client.send('post', `/api/v1/threads/${thread.id}/posts`, { body: 'Missed one' });
    await client.send('post', `/api/v1/threads/${thread.id}/posts`, { body: 'Missed two' });
    const res = await new ApiClient(app.url).get(`/api/v1/threads/${thread.id}/posts?afterSeq=1`).expect(200);
    expect(res.body.items.map((p: { seq: number }) => p.seq)).to.deep.equal([2, 3]);
  });
});
