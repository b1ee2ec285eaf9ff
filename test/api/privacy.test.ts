import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import sharp from 'sharp';
import { CSRF_HEADER } from '@shared/constants';
import type { PersonalDataArchive } from '@server/privacy/privacy.service';
import { getTestApp, type TestApp } from '../helpers/app';
import { insertIdentity } from '@server/auth/identity.queries';
import { buildMember, buildReply, buildThread, unique } from '../helpers/factories';
import { acceptedConversation, sendMessage, signedInMember, startConversation } from '../helpers/messaging';
import { ApiClient } from '../helpers/http';
import { enrolTwoFactor } from '../helpers/totp';

/** Every `schema.table.column` where one of `needles` occurs, over all base tables. */
async function tablesHolding(app: TestApp, needles: string[]): Promise<string[]> {
  const { rows: columns } = await app.pool.query<{
    table_schema: string;
    table_name: string;
    column_name: string;
  }>(
    `select c.table_schema, c.table_name, c.column_name from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema not in ('pg_catalog', 'information_schema') and t.table_type = 'BASE TABLE'`,
  );
  expect(columns.length).to.be.greaterThan(20);
  const found: string[] = [];
  for (const { table_schema, table_name, column_name } of columns) {
    const { rows } = await app.pool.query<{ n: number }>(
      `select count(*)::int as n from "${table_schema}"."${table_name}"
        where ${needles.map((_, i) => `position($${i + 1} in "${column_name}"::text) > 0`).join(' or ')}`,
      needles,
    );
    if ((rows[0]?.n ?? 0) > 0) found.push(`${table_schema}.${table_name}.${column_name}`);
  }
  return found;
}

describe('your data: export and account deletion', () => {
  let app: TestApp;

  before(async () => {
    app = await getTestApp();
  });

  async function signedIn(member: { email: string; password: string }) {
    const client = new ApiClient(app.url, undefined, 'en');
    await client.signIn(member.email, member.password);
    return client;
  }

  it('refuses anonymous visitors with 401', async () => {
    await new ApiClient(app.url).get('/api/v1/me/export').expect(401);
    expect(
      (await new ApiClient(app.url).send('delete', '/api/v1/me', { confirmHandle: 'x' })).status,
    ).to.equal(401);
  });

  it('exports what the member wrote and chose, nothing of other members, and logs the export', async () => {
    const member = await buildMember({ displayName: `Exporter ${unique()}` });
    const moderator = await buildMember({ role: 'moderator', displayName: `Moderator ${unique()}` });
    const other = await buildMember({ displayName: `Other ${unique()}`, profile: { city: 'Secret City' } });
    const client = await signedIn(member);
    await client.send('patch', '/api/v1/me/profile', {
      headline: 'Budget transparency',
      city: 'Quito',
      bio: 'I mention @' + other.handle,
      visibility: { city: 'private' },
      openToExchange: true,
    });
    const staff = await signedIn(moderator);
    await enrolTwoFactor(staff);
    await staff.send('put', `/api/v1/members/${member.handle}/verification`, {
      roleText: 'Budget office',
      reason: `Checked by ${moderator.displayName}`,
    });

    const res = await client.get('/api/v1/me/export').expect(200);
    expect(res.headers['content-disposition']).to.match(
      /^attachment; filename="agora-data-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const archive = JSON.parse(res.text) as PersonalDataArchive;
    expect(archive.format).to.equal('agora-personal-data');
    const data = archive.data as {
      account: { email: string; handle: string };
      profile: {
        headline: string;
        city: string;
        visibility: Record<string, string>;
        openToExchange: boolean;
      };
      accountHistory: { action: string }[];
    };
    expect(data.account).to.include({ email: member.email, handle: member.handle });
    expect(data.profile).to.include({ headline: 'Budget transparency', city: 'Quito', openToExchange: true });
    expect(data.profile.visibility.city).to.equal('private');
    expect(data.accountHistory.map((entry) => entry.action)).to.include('profile.verify');
    for (const foreign of [
      other.email,
      'Secret City',
      moderator.email,
      moderator.id,
      moderator.displayName,
    ]) {
      expect(res.text).not.to.contain(foreign);
    }
    expect(res.text).not.to.match(/password/i);
    const { rows } = await app.pool.query(
      `select count(*)::int as n from audit_log where action = 'account.export' and actor_id = $1`,
      [member.id],
    );
    expect(rows[0].n).to.equal(1);
  });

  it('asks for the handle as confirmation', async () => {
    const member = await buildMember();
    const client = await signedIn(member);
    const res = await client.send('delete', '/api/v1/me', { confirmHandle: 'someone_else' });
    expect(res.status).to.equal(400);
    expect(res.body.error.fields.confirmHandle.code).to.equal('confirmation_mismatch');
    expect((await client.send('delete', '/api/v1/me', {})).status).to.equal(400);
    expect((await client.session()).user?.id).to.equal(member.id);
  });

  it('erases the account: no table keeps the member’s id, e-mail or name; the deletion is logged', async () => {
    const name = `Erasable Person ${unique()}`;
    const member = await buildMember({ displayName: name, role: 'moderator' });
    const target = await buildMember();
    const client = await signedIn(member);
    const second = await signedIn(member);
    // Staff tools (the verified badge below) need a second factor, which is erased with the account.
    await enrolTwoFactor(client);
    await client.send('patch', '/api/v1/me/profile', { headline: 'To be erased', bio: 'Bio of ' + name });
    if (!client.csrfToken) await client.session();
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#336699' } })
      .png()
      .toBuffer();
    const avatar = await client.agent
      .put('/api/v1/me/avatar')
      .set('X-Forwarded-For', client.ip)
      .set(CSRF_HEADER, client.csrfToken ?? '')
      .set('Content-Type', 'image/png')
      .send(png);
    const avatarFile = path.join(
      app.config.dataDir,
      'avatars',
      path.basename(avatar.body.profile.avatarUrl as string),
    );
    expect(existsSync(avatarFile)).to.equal(true);
    // Traces in the audit log as actor (verifying someone) and as target (their own export).
    await client.send('put', `/api/v1/members/${target.handle}/verification`, {
      roleText: 'Verified by the erased',
    });
    await client.get('/api/v1/me/export').expect(200);

    const res = await client.send('delete', '/api/v1/me', { confirmHandle: member.handle.toUpperCase() });
    expect(res.status).to.equal(204);
    expect((await client.session()).user).to.equal(null);
    expect((await second.session()).user).to.equal(null);
    expect((await client.signIn(member.email, member.password)).status).to.equal(401);
    await new ApiClient(app.url).get(`/api/v1/members/${member.handle}`).expect(404);
    expect(existsSync(avatarFile)).to.equal(false);

    expect(await tablesHolding(app, [member.id, member.email, name, member.handle])).to.deep.equal([]);

    const { rows: log } = await app.pool.query(
      `select actor_id, target_id from audit_log where action = 'account.delete' order by id desc limit 1`,
    );
    expect(log).to.deep.equal([{ actor_id: null, target_id: null }]);
    // The verification they made is still on record, without their identity.
    const { rows: kept } = await app.pool.query(
      `select actor_id from audit_log where action = 'profile.verify' and target_id = $1`,
      [target.id],
    );
    expect(kept).to.deep.equal([{ actor_id: null }]);
  });
});

describe('your data: forum and messaging', () => {
  let app: TestApp;

  before(async () => {
    app = await getTestApp();
  });

  /** A member with threads, posts, reactions, follows, a read position, messages, conversations and blocks. */
  async function activeMember(name: string) {
    const member = await signedInMember(app.url, 'en');
    await app.pool.query(`update members set display_name = $1 where id = $2`, [name, member.id]);
    const peer = await signedInMember(app.url);
    const third = await signedInMember(app.url);
    const blocked = await signedInMember(app.url);

    const own = await buildThread(member, { title: `Open budgets ${unique()}`, body: 'My opening post' });
    const peerThread = await buildThread(peer, { title: `Procurement ${unique()}`, body: 'Peer opening' });
    const peerReply = await buildReply(peer, own.id, { body: 'A peer answers' });
    const reply = await buildReply(member, peerThread.id, { body: 'My reply to the peer' });
    await buildReply(peer, peerThread.id, { parentId: reply.id, body: 'The peer answers my reply' });
    await buildReply(member, own.id, { parentId: peerReply.id, body: 'My second reply' });
    expect(
      (await member.client.send('post', `/api/v1/posts/${peerReply.id}/reactions`, { kind: 'thanks' }))
        .status,
    ).to.equal(200);
    expect((await member.client.send('put', `/api/v1/threads/${peerThread.id}/follow`)).status).to.be.oneOf([
      200, 204,
    ]);
    expect(
      (await member.client.send('put', `/api/v1/threads/${peerThread.id}/read`, { seq: 2 })).status,
    ).to.be.oneOf([200, 204]);

    const direct = await acceptedConversation(member, peer, 'My first private message');
    await sendMessage(peer, direct.id, 'Peer private reply');
    await sendMessage(member, direct.id, 'My second private message');
    await sendMessage(peer, direct.id, 'Peer private closing');
    const { conversation: group } = await startConversation(peer, [member, third], {
      title: 'Reformers group',
      body: 'Peer opens the group',
    });
    expect((await member.client.send('post', `/api/v1/conversations/${group.id}/accept`)).status).to.equal(
      200,
    );
    await sendMessage(member, group.id, 'My group message');
    expect((await member.client.send('post', '/api/v1/blocks', { memberId: blocked.id })).status).to.be.oneOf(
      [200, 201],
    );
    expect(
      (await member.client.send('put', '/api/v1/me/messaging', { whoCanMessage: 'contacts' })).status,
    ).to.equal(200);
    const subjectHash = randomBytes(32).toString('base64url');
    await insertIdentity(app.db, member.id, {
      provider: 'gov-id',
      subjectHash,
      assurance: 'high',
      identityVerified: true,
    });
    return { member, peer, third, blocked, own, peerThread, reply, direct, group, subjectHash };
  }

  it('exports threads, posts, reactions, follows, sent messages, conversations, blocks and settings, nothing of others', async () => {
    const name = `Exporting Writer ${unique()}`;
    const world = await activeMember(name);
    const res = await world.member.client.get('/api/v1/me/export').expect(200);
    const data = (JSON.parse(res.text) as PersonalDataArchive).data as Record<string, unknown[]> & {
      messaging: { whoCanMessage: string; blocked: { handle: string }[] };
      signIn: { providers: { provider: string }[]; twoFactor: { enabled: boolean } };
    };
    const threads = data.threads as { id: string }[];
    expect(threads.map((t) => t.id)).to.deep.equal([world.own.id]);
    const posts = data.posts as { source: string }[];
    expect(posts.map((p) => p.source)).to.have.members([
      'My opening post',
      'My reply to the peer',
      'My second reply',
    ]);
    expect(data.reactions).to.have.length(1);
    expect((data.follows as { threadId: string }[]).map((f) => f.threadId)).to.include(world.peerThread.id);
    const messages = data.messages as { body: string }[];
    expect(messages.map((m) => m.body)).to.have.members([
      'My first private message',
      'My second private message',
      'My group message',
    ]);
    expect((data.conversations as { id: string }[]).map((c) => c.id)).to.have.members([
      world.direct.id,
      world.group.id,
    ]);
    expect(data.messaging.whoCanMessage).to.equal('contacts');
    expect(data.messaging.blocked.map((b) => b.handle)).to.deep.equal([world.blocked.handle]);
    expect(data.signIn.providers.map((p) => p.provider)).to.deep.equal(['gov-id']);
    for (const foreign of [
      'Peer private reply',
      'Peer private closing',
      'Peer opens the group',
      'A peer answers',
      'The peer answers my reply',
      world.subjectHash,
      world.peer.email,
      world.third.email,
      world.blocked.email,
      world.peer.id,
      world.third.id,
    ]) {
      expect(res.text).not.to.contain(foreign);
    }
  });

  it('deletes a member who wrote and messaged: public posts stay as a former member’s, messages erased in place', async () => {
    const name = `Erased Writer ${unique()}`;
    const world = await activeMember(name);
    const { member, peer } = world;
    const res = await member.client.send('delete', '/api/v1/me', { confirmHandle: member.handle });
    expect(res.status).to.equal(204);

    const page = await new ApiClient(app.url).get(`/api/v1/threads/${world.own.id}`).expect(200);
    expect(page.body.thread.author).to.equal(null);
    const opening = (
      page.body.posts as { seq: number; author: unknown; source: string; deleted: boolean }[]
    ).find((p) => p.seq === 1);
    expect(opening).to.include({ author: null, source: 'My opening post', deleted: false });
    const other = await new ApiClient(app.url).get(`/api/v1/threads/${world.peerThread.id}`).expect(200);
    const mine = (other.body.posts as { id: string; author: unknown; source: string }[]).find(
      (p) => p.id === world.reply.id,
    );
    expect(mine).to.include({ author: null, source: 'My reply to the peer' });
    expect(other.body.thread.author.id).to.equal(peer.id);

    const listed = await peer.client.get(`/api/v1/conversations/${world.direct.id}/messages`).expect(200);
    const items = listed.body.items as {
      seq: number;
      author: { id: string } | null;
      body: string | null;
      deleted: boolean;
    }[];
    expect(items.map((m) => m.seq)).to.deep.equal([1, 2, 3, 4]);
    expect(items.map((m) => m.body)).to.deep.equal([
      null,
      'Peer private reply',
      null,
      'Peer private closing',
    ]);
    expect(items.filter((m) => m.author === null).map((m) => m.deleted)).to.deep.equal([true, true]);
    const inbox = await peer.client.get('/api/v1/conversations').expect(200);
    const direct = (inbox.body.items as { id: string; can: { send: boolean } }[]).find(
      (c) => c.id === world.direct.id,
    );
    expect(direct?.can.send).to.equal(false);
    const refused = await peer.client.send('post', `/api/v1/conversations/${world.direct.id}/messages`, {
      body: 'Anyone there?',
      clientId: randomUUID(),
    });
    expect(refused.status).to.equal(403);
    const group = await peer.client.get(`/api/v1/conversations/${world.group.id}/messages`).expect(200);
    expect((group.body.items as { seq: number }[]).map((m) => m.seq)).to.deep.equal([1, 2]);
    // Messages can still be sent in the group; seqs continue after the erased one.
    expect((await sendMessage(peer, world.group.id, 'Still here')).seq).to.equal(3);

    expect(await tablesHolding(app, [member.id, member.email, name, member.handle])).to.deep.equal([]);
  });
});
