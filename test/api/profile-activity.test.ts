import { expect } from 'chai';
import type { MemberProfile } from '@shared/api/directory';
import { getTestApp, type TestApp } from '../helpers/app';
import {
  buildCategory,
  buildMember,
  buildReply,
  buildThread,
  setMemberStatus,
  unique,
} from '../helpers/factories';
import { ApiClient } from '../helpers/http';
import { enrolTwoFactor } from '../helpers/totp';
import { acceptedConversation, signedInMember, type SignedIn } from '../helpers/messaging';

describe('profile: recent threads and posts', () => {
  let app: TestApp;

  before(async () => {
    app = await getTestApp();
  });

  async function profileAs(client: ApiClient, handle: string): Promise<MemberProfile> {
    return (await client.get(`/api/v1/members/${handle}`).expect(200)).body.profile as MemberProfile;
  }

  it('lists the member’s threads and replies, newest first, only where the viewer may read', async () => {
    const author = await signedInMember(app.url);
    await app.pool.query(`update members set role = 'moderator' where id = $1`, [author.id]);
    const other = await buildMember();
    const open = await buildCategory({ readAccess: 'public' });
    const membersOnly = await buildCategory({ readAccess: 'members' });
    const staff = await buildCategory({ readAccess: 'moderators' });
    const archived = await buildCategory({ readAccess: 'public' });

    const publicThread = await buildThread(author, { categoryId: open.id, title: `Open data ${unique()}` });
    const otherThread = await buildThread(other, {
      categoryId: membersOnly.id,
      title: `Members ${unique()}`,
    });
    const reply = await buildReply(author, otherThread.id, { body: 'A members-only reply' });
    const staffThread = await buildThread(author, { categoryId: staff.id, title: `Staff only ${unique()}` });
    const gone = await buildReply(author, publicThread.id, { body: 'Deleted later' });
    expect((await author.client.send('delete', `/api/v1/posts/${gone.id}`)).status).to.be.oneOf([200, 204]);
    await buildThread(author, { categoryId: archived.id });
    await app.pool.query(`update categories set archived_at = now() where id = $1`, [archived.id]);

    const anonymous = await profileAs(new ApiClient(app.url), author.handle);
    expect(anonymous.recent.map((item) => [item.kind, item.threadId])).to.deep.equal([
      ['thread', publicThread.id],
    ]);
    const member = await signedInMember(app.url);
    const asMember = await profileAs(member.client, author.handle);
    expect(asMember.recent.map((item) => [item.kind, item.threadId, item.postId])).to.deep.equal([
      ['reply', otherThread.id, reply.id],
      ['thread', publicThread.id, publicThread.rootPostId],
    ]);
    expect(asMember.recent[0]?.threadTitle).to.match(/^Members /);
    const moderator = await buildMember({ role: 'moderator' });
    const staffClient = new ApiClient(app.url);
    await staffClient.signIn(moderator.email, moderator.password);
    // Staff powers come with a second factor: until then a moderator reads what a member reads.
    expect((await profileAs(staffClient, author.handle)).recent.map((item) => item.threadId)).to.deep.equal([
      otherThread.id,
      publicThread.id,
    ]);
    await enrolTwoFactor(staffClient);
    const asStaff = await profileAs(staffClient, author.handle);
    expect(asStaff.recent.map((item) => item.threadId)).to.deep.equal([
      staffThread.id,
      otherThread.id,
      publicThread.id,
    ]);
  });

  it('is empty for a member who has not written', async () => {
    const quiet = await buildMember();
    expect((await profileAs(new ApiClient(app.url), quiet.handle)).recent).to.deep.equal([]);
  });
});

describe('profile: "Message" follows who may message the member', () => {
  let app: TestApp;
  let viewer: SignedIn;

  before(async () => {
    app = await getTestApp();
    viewer = await signedInMember(app.url);
  });

  async function offered(client: ApiClient, handle: string): Promise<boolean> {
    const res = await client.get(`/api/v1/members/${handle}`).expect(200);
    return (res.body.profile as MemberProfile).abilities.message;
  }

  it('offers it when the member takes messages from anyone, never to visitors or to oneself', async () => {
    const owner = await signedInMember(app.url);
    expect(await offered(viewer.client, owner.handle)).to.equal(true);
    expect(await offered(new ApiClient(app.url), owner.handle)).to.equal(false);
    expect(await offered(owner.client, owner.handle)).to.equal(false);
  });

  it('hides it when the member takes messages from nobody, and from non-contacts under "contacts"', async () => {
    const owner = await signedInMember(app.url);
    const contact = await signedInMember(app.url);
    await acceptedConversation(contact, owner, 'We met at the summit');
    const reply = await owner.client.send(
      'post',
      `/api/v1/conversations/${(await owner.client.get('/api/v1/conversations').expect(200)).body.items[0].id}/messages`,
      { body: 'Glad to hear from you', clientId: `c-${unique()}` },
    );
    expect(reply.status).to.equal(201);

    expect(
      (await owner.client.send('put', '/api/v1/me/messaging', { whoCanMessage: 'contacts' })).status,
    ).to.equal(200);
    expect(await offered(viewer.client, owner.handle)).to.equal(false);
    expect(await offered(contact.client, owner.handle)).to.equal(true);

    expect(
      (await owner.client.send('put', '/api/v1/me/messaging', { whoCanMessage: 'nobody' })).status,
    ).to.equal(200);
    expect(await offered(viewer.client, owner.handle)).to.equal(false);
    expect(await offered(contact.client, owner.handle)).to.equal(false);
  });

  it('hides it across a block in either direction and from a suspended viewer', async () => {
    const owner = await signedInMember(app.url);
    const blocker = await signedInMember(app.url);
    const blockedByOwner = await signedInMember(app.url);
    expect((await blocker.client.send('post', '/api/v1/blocks', { memberId: owner.id })).status).to.be.oneOf([
      200, 201,
    ]);
    expect(
      (await owner.client.send('post', '/api/v1/blocks', { memberId: blockedByOwner.id })).status,
    ).to.be.oneOf([200, 201]);
    expect(await offered(blocker.client, owner.handle)).to.equal(false);
    expect(await offered(blockedByOwner.client, owner.handle)).to.equal(false);
    expect(await offered(viewer.client, owner.handle)).to.equal(true);

    const suspended = await signedInMember(app.url);
    await setMemberStatus(suspended.id, 'suspended');
    expect(await offered(suspended.client, owner.handle)).to.equal(false);
  });
});

describe('verified badge next to authors on thread pages', () => {
  let app: TestApp;

  before(async () => {
    app = await getTestApp();
  });

  type PostView = { id: string; author: { id: string; verified?: { roleText: string } | null } | null };

  it('shows the directory’s badge on the verified author’s posts, not on others, and drops it when removed', async () => {
    const verified = await buildMember();
    const plain = await buildMember();
    const moderator = await buildMember({ role: 'moderator' });
    const staff = new ApiClient(app.url);
    await staff.signIn(moderator.email, moderator.password);
    await enrolTwoFactor(staff);
    expect(
      (
        await staff.send('put', `/api/v1/members/${verified.handle}/verification`, {
          roleText: 'Open data lead, Ministry of Finance',
        })
      ).status,
    ).to.equal(200);
    const thread = await buildThread(verified, { kind: 'discussion' });
    const reply = await buildReply(plain, thread.id);
    const own = await buildReply(verified, thread.id, { parentId: reply.id });

    const visitor = new ApiClient(app.url);
    const badgeOf = (posts: PostView[], id: string) => posts.find((p) => p.id === id)?.author?.verified;
    for (const view of ['threaded', 'chronological']) {
      const page = await visitor.get(`/api/v1/threads/${thread.id}?view=${view}`).expect(200);
      const posts = page.body.posts as PostView[];
      expect(badgeOf(posts, thread.rootPostId)?.roleText).to.equal('Open data lead, Ministry of Finance');
      expect(badgeOf(posts, own.id)?.roleText).to.equal('Open data lead, Ministry of Finance');
      expect(badgeOf(posts, reply.id)).to.equal(null);
    }
    const missed = await visitor.get(`/api/v1/threads/${thread.id}/posts?afterSeq=1`).expect(200);
    expect(badgeOf(missed.body.items as PostView[], own.id)?.roleText).to.equal(
      'Open data lead, Ministry of Finance',
    );
    expect(badgeOf(missed.body.items as PostView[], reply.id)).to.equal(null);

    const removed = await staff.send('delete', `/api/v1/members/${verified.handle}/verification`, {
      reason: 'Changed jobs',
    });
    expect(removed.status).to.be.oneOf([200, 204]);
    const after = await visitor.get(`/api/v1/threads/${thread.id}`).expect(200);
    expect(badgeOf(after.body.posts as PostView[], own.id)).to.equal(null);
  });
});
