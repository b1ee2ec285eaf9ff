import { expect } from 'chai';
import { getTestApp, type TestApp } from '../helpers/app';
import { ApiClient } from '../helpers/http';
import { connectSocket, sessionCookieFrom, type ClientSocket } from '../helpers/sockets';
import { signedInAs, type SignedInAs } from '../helpers/staff';
import { buildCategory, buildMember, buildThread, type BuiltMember } from '../helpers/factories';
import type { Ack, ThreadStatePayload } from '@shared/events';

function watch(socket: ClientSocket, threadId: string) {
  return new Promise<Ack>((resolve) => socket.emit('thread:watch', { threadId }, resolve));
}

function nextThreadUpdate(socket: ClientSocket) {
  return new Promise<ThreadStatePayload>((resolve) =>
    socket.once('thread:updated', (payload) => resolve(payload.thread)),
  );
}

async function readerSocket(app: TestApp, member?: BuiltMember) {
  if (!member) return (await connectSocket(app.url)).socket;
  const client = new ApiClient(app.url);
  const res = await client.signIn(member.email, member.password);
  return (await connectSocket(app.url, { cookie: sessionCookieFrom(res) })).socket;
}

describe('live thread curation', () => {
  let app: TestApp;
  let moderator: SignedInAs;
  const sockets: ClientSocket[] = [];
  before(async () => {
    app = await getTestApp();
    moderator = await signedInAs('moderator');
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });

  it('shows readers of a thread a lock, a pin and slow mode as they happen', async () => {
    const thread = await buildThread(await buildMember());
    const [visitor, member] = [await readerSocket(app), await readerSocket(app, await buildMember())];
    sockets.push(visitor, member);
    expect(await watch(visitor, thread.id)).to.deep.equal({ ok: true });
    expect(await watch(member, thread.id)).to.deep.equal({ ok: true });
    const locked = Promise.all([nextThreadUpdate(visitor), nextThreadUpdate(member)]);
    await moderator.client.send('post', `/api/v1/moderation/threads/${thread.id}/lock`, {});
    for (const state of await locked) expect(state).to.include({ id: thread.id, locked: true });
    const pinned = nextThreadUpdate(member);
    await moderator.client.send('post', `/api/v1/moderation/threads/${thread.id}/pin`, { scope: 'global' });
    expect(await pinned).to.include({ pinned: true, pinScope: 'global', locked: true });
    const slow = nextThreadUpdate(visitor);
    await moderator.client.send('post', `/api/v1/moderation/threads/${thread.id}/slow-mode`, { minutes: 5 });
    expect(await slow).to.include({ slowModeMinutes: 5 });
    // A global pin leads every list: other suites' lists must not meet this one.
    await moderator.client.send('post', `/api/v1/moderation/threads/${thread.id}/unpin`, {});
  });

  it('tells readers of a merged thread where it went', async () => {
    const author = await buildMember();
    const category = await buildCategory();
    const [a, b] = [
      await buildThread(author, { categoryId: category.id }),
      await buildThread(author, { categoryId: category.id }),
    ];
    const reader = await readerSocket(app, await buildMember());
    sockets.push(reader);
    await watch(reader, a.id);
    const update = nextThreadUpdate(reader);
    await moderator.client.send('post', `/api/v1/moderation/threads/${a.id}/merge`, { targetId: b.id });
    expect(await update).to.include({ id: a.id, mergedInto: b.id });
  });

  it('stops sending a thread moved to a moderators-only category to members, who may not watch it again', async () => {
    const thread = await buildThread(await buildMember());
    const staffOnly = await buildCategory({ readAccess: 'moderators' });
    const member = await readerSocket(app, await buildMember());
    sockets.push(member);
    await watch(member, thread.id);
    const moved = nextThreadUpdate(member);
    await moderator.client.send('post', `/api/v1/moderation/threads/${thread.id}/move`, {
      categoryId: staffOnly.id,
    });
    expect(await moved).to.include({ categoryId: staffOnly.id });
    const again = await watch(member, thread.id);
    expect(again).to.have.nested.property('error.code', 'not_found');
    let received = false;
    member.once('thread:updated', () => (received = true));
    await moderator.client.send('post', `/api/v1/moderation/threads/${thread.id}/lock`, {});
    // A round trip on the same socket: an event emitted before it would have arrived first.
    await watch(member, thread.id);
    expect(received).to.equal(false);
  });
});
