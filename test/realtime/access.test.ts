import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { Role } from '@shared/constants';
import type { Ack, PostEventPayload } from '@shared/events';
import { getTestApp, type TestApp } from '../helpers/app';
import { buildCategory, buildMember, buildThread } from '../helpers/factories';
import { ApiClient } from '../helpers/http';
import { signedInMember } from '../helpers/messaging';
import { act, flag, itemIdOf } from '../helpers/moderation';
import { connectSocket, cookieHeaderOf, type ClientSocket } from '../helpers/sockets';
import { enrolTwoFactor } from '../helpers/totp';
import { signedInAs, type SignedInAs } from '../helpers/staff';

function watch(socket: ClientSocket, threadId: string) {
  return new Promise<Ack>((resolve) => socket.emit('thread:watch', { threadId }, resolve));
}

/** Collects every payload of an event from now on. */
function collect<T>(socket: ClientSocket, event: string): T[] {
  const seen: T[] = [];
  (socket as unknown as { on(e: string, f: (p: T) => void): void }).on(event, (p: T) => seen.push(p));
  return seen;
}

/** Bodies of the posts a socket received live. */
const bodies = (seen: PostEventPayload[]) => seen.map((e) => e.post.source);

/**
 * A round trip on each socket: anything the server emitted to it before the round trip has arrived
 * by the time it answers (one connection, in order).
 */
async function roundTrip(...sockets: ClientSocket[]) {
  await Promise.all(
    sockets.map(
      (socket) =>
        new Promise<Ack>((resolve) => socket.emit('thread:unwatch', { threadId: randomUUID() }, resolve)),
    ),
  );
}

/**
 * A signed-in member of a role and a socket of theirs. Staff enrol a second factor first: their powers
 * (moderators-only threads, the staff room) come with it.
 */
async function withSocket(app: TestApp, role: Role = 'member') {
  const member = await buildMember({ role });
  const client = new ApiClient(app.url);
  const res = await client.signIn(member.email, member.password);
  expect(res.status).to.equal(200);
  if (role !== 'member') await enrolTwoFactor(client);
  const { socket } = await connectSocket(app.url, { cookie: cookieHeaderOf(client) });
  return { ...member, client, socket };
}

async function reply(poster: { client: ApiClient }, threadId: string, body: string) {
  const res = await poster.client.send('post', `/api/v1/threads/${threadId}/posts`, { body });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
}

describe('live rooms follow read access', () => {
  let app: TestApp;
  let admin: SignedInAs;
  const open: ClientSocket[] = [];
  before(async () => {
    app = await getTestApp();
    admin = await signedInAs('admin');
  });
  afterEach(() => {
    for (const socket of open.splice(0)) socket.close();
  });
  const track = <T extends { socket: ClientSocket }>(x: T) => {
    open.push(x.socket);
    return x;
  };

  it('stops sending a thread to members once its category becomes moderators-only; moderators still get it', async () => {
    const category = await buildCategory({ readAccess: 'members' });
    const thread = await buildThread(await buildMember(), { categoryId: category.id });
    const member = track(await withSocket(app));
    const moderator = track(await withSocket(app, 'moderator'));
    expect(await watch(member.socket, thread.id)).to.deep.equal({ ok: true });
    expect(await watch(moderator.socket, thread.id)).to.deep.equal({ ok: true });
    const memberSaw = collect<PostEventPayload>(member.socket, 'post:created');
    const moderatorSaw = collect<PostEventPayload>(moderator.socket, 'post:created');

    const res = await admin.client.send('patch', `/api/v1/categories/${category.id}`, {
      readAccess: 'moderators',
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    await reply(moderator, thread.id, 'Only for the moderators');
    await roundTrip(member.socket, moderator.socket);

    expect(bodies(memberSaw)).to.deep.equal([]);
    expect(bodies(moderatorSaw)).to.deep.equal(['Only for the moderators']);
    const again = await watch(member.socket, thread.id);
    expect(again.ok === false && again.error.code).to.equal('not_found');
  });

  it('stops sending a public thread to visitors once its category becomes members-only', async () => {
    const category = await buildCategory({ readAccess: 'public' });
    const thread = await buildThread(await buildMember(), { categoryId: category.id });
    const { socket: visitor } = await connectSocket(app.url);
    open.push(visitor);
    const member = track(await withSocket(app));
    await watch(visitor, thread.id);
    await watch(member.socket, thread.id);
    const visitorSaw = collect<PostEventPayload>(visitor, 'post:created');
    const memberSaw = collect<PostEventPayload>(member.socket, 'post:created');

    await admin.client.send('patch', `/api/v1/categories/${category.id}`, { readAccess: 'members' });
    await reply(member, thread.id, 'Members only now');
    await roundTrip(visitor, member.socket);

    expect(bodies(visitorSaw)).to.deep.equal([]);
    expect(bodies(memberSaw)).to.deep.equal(['Members only now']);
  });

  it('takes watchers out of a thread a moderator hides; the moderators keep watching it', async () => {
    const thread = await buildThread(await buildMember());
    const member = track(await withSocket(app));
    const moderator = track(await withSocket(app, 'moderator'));
    await watch(member.socket, thread.id);
    await watch(moderator.socket, thread.id);
    const memberSaw = collect<PostEventPayload>(member.socket, 'post:created');
    const moderatorSaw = collect<PostEventPayload>(moderator.socket, 'post:created');

    await flag(member.client, 'thread', thread.id);
    const hidden = await admin.client.send(
      'post',
      `/api/v1/moderation/items/${await itemIdOf(thread.id)}/hide`,
      { reason: 'Off topic' },
    );
    expect(hidden.status, JSON.stringify(hidden.body)).to.equal(200);
    await reply(moderator, thread.id, 'Said in a hidden thread');
    await roundTrip(member.socket, moderator.socket);

    expect(bodies(memberSaw)).to.deep.equal([]);
    expect(bodies(moderatorSaw)).to.deep.equal(['Said in a hidden thread']);
  });

  it('takes watchers out of a thread a moderator deletes', async () => {
    const thread = await buildThread(await buildMember());
    const member = track(await withSocket(app));
    const moderator = track(await withSocket(app, 'moderator'));
    await watch(member.socket, thread.id);
    const memberSaw = collect<PostEventPayload>(member.socket, 'post:created');
    await flag(member.client, 'thread', thread.id);
    await act(admin.client, await itemIdOf(thread.id), 'delete', { reason: 'Spam' });
    await reply(moderator, thread.id, 'After the deletion');
    await roundTrip(member.socket);
    expect(bodies(memberSaw)).to.deep.equal([]);
  });

  it('takes a demoted moderator out of moderators-only threads and of the staff room', async () => {
    const staffOnly = await buildCategory({ readAccess: 'moderators' });
    const thread = await buildThread(await buildMember({ role: 'moderator' }), { categoryId: staffOnly.id });
    const demoted = track(await withSocket(app, 'moderator'));
    const other = track(await withSocket(app, 'moderator'));
    expect(await watch(demoted.socket, thread.id)).to.deep.equal({ ok: true });
    const postsSeen = collect<PostEventPayload>(demoted.socket, 'post:created');
    const queueSeen = collect<{ itemId: string }>(demoted.socket, 'moderation:queue');

    const res = await admin.client.send('put', `/api/v1/admin/members/${demoted.id}/role`, {
      role: 'member',
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    await reply(other, thread.id, 'Staff talk');
    const flagger = await signedInMember(app.url);
    await flag(flagger.client, 'thread', (await buildThread(await buildMember())).id);
    await roundTrip(demoted.socket);

    expect(bodies(postsSeen)).to.deep.equal([]);
    expect(queueSeen).to.deep.equal([]);
  });

  it('takes a moderator out of a moderators-only thread when their scopes no longer cover it', async () => {
    const [kept, lost] = [
      await buildCategory({ readAccess: 'moderators' }),
      await buildCategory({ readAccess: 'moderators' }),
    ];
    const author = await buildMember({ role: 'moderator' });
    const [inKept, inLost] = [
      await buildThread(author, { categoryId: kept.id }),
      await buildThread(author, { categoryId: lost.id }),
    ];
    const moderator = track(await withSocket(app, 'moderator'));
    const poster = track(await withSocket(app, 'moderator'));
    await watch(moderator.socket, inKept.id);
    await watch(moderator.socket, inLost.id);
    const seen = collect<PostEventPayload>(moderator.socket, 'post:created');

    const res = await admin.client.send('put', `/api/v1/admin/members/${moderator.id}/scopes`, {
      categoryIds: [kept.id],
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    await reply(poster, inLost.id, 'Outside the scope');
    await reply(poster, inKept.id, 'Inside the scope');
    await roundTrip(moderator.socket);

    expect(bodies(seen)).to.deep.equal(['Inside the scope']);
  });

  it('disconnects the sockets of a member who deletes their account', async () => {
    const member = await signedInMember(app.url);
    const { socket } = await connectSocket(app.url, { cookie: member.cookie });
    open.push(socket);
    const gone = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const res = await member.client.send('delete', '/api/v1/me', { confirmHandle: member.handle });
    expect(res.status, JSON.stringify(res.body)).to.equal(204);
    expect(await gone).to.equal('io server disconnect');
  });
});
