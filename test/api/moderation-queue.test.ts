import { expect } from 'chai';
import { buildCategory, buildMember, buildReply, buildThread } from '../helpers/factories';
import { signedInMember } from '../helpers/messaging';
import { signedInAs, signedInAsScoped } from '../helpers/staff';
import { act, flag, itemDetail, queue, scopeModerator } from '../helpers/moderation';
import { getTestApp } from '../helpers/app';
import { ApiClient } from '../helpers/http';
import { totpCode } from '../helpers/totp';
import { connectSocket, sessionCookieFrom } from '../helpers/sockets';
import { memberSocket, nextEvent } from '../helpers/messaging';
import type { ModerationQueuePayload } from '@shared/events';

describe('moderation: the review queue', function () {
  this.timeout(30_000);

  const flaggedReply = async (categoryId?: string) => {
    const author = await buildMember();
    const thread = await buildThread(author, categoryId ? { categoryId } : {});
    const reply = await buildReply(author, thread.id);
    const reporter = await signedInMember();
    const itemId = await flag(reporter.client, 'post', reply.id, 'spam');
    return { author, thread, reply, reporter, itemId };
  };

  it('refuses members (403) and staff without a second factor', async () => {
    const member = await signedInMember();
    expect((await member.client.get('/api/v1/moderation/queue')).status).to.equal(403);
    const app = await getTestApp();
    const moderator = await buildMember({ role: 'moderator' });
    const client = new ApiClient(app.url);
    await client.signIn(moderator.email, moderator.password);
    const res = await client.get('/api/v1/moderation/queue');
    expect(res.status).to.equal(403);
    expect(res.body.error.code).to.equal('second_factor_required');
  });

  it('tells staff sockets live which item changed, and not members', async () => {
    const app = await getTestApp();
    const moderator = await buildMember({ role: 'moderator' });
    const client = new ApiClient(app.url);
    await client.signIn(moderator.email, moderator.password);
    // Enrolling renews the session: the socket uses the cookie the confirmation set.
    const setup = await client.send('post', '/api/v1/me/two-factor/setup');
    const confirm = await client.send('post', '/api/v1/me/two-factor/confirm', {
      code: totpCode((setup.body as { secret: string }).secret),
    });
    const cookie = sessionCookieFrom(confirm);
    const { socket: staffSocket } = await connectSocket(app.url, { cookie });
    const member = await signedInMember();
    const memberSide = await memberSocket(app.url, member);
    let memberHeard = false;
    memberSide.on('moderation:queue', () => (memberHeard = true));
    try {
      const heard = nextEvent<ModerationQueuePayload>(staffSocket, 'moderation:queue');
      const { itemId } = await flaggedReply();
      expect((await heard).itemId).to.equal(itemId);
      expect(memberHeard).to.equal(false);
    } finally {
      staffSocket.close();
      memberSide.close();
    }
  });

  it('filters by status, kind, target type and assignment, with cursor pages', async () => {
    const moderator = await signedInAs('moderator');
    const items = [await flaggedReply(), await flaggedReply(), await flaggedReply()];
    const page1 = await queue(moderator.client, '?kind=flag&targetType=post&limit=2');
    expect(page1.items).to.have.length(2);
    expect(page1.nextCursor).to.be.a('string');
    const page2 = await queue(
      moderator.client,
      `?kind=flag&targetType=post&limit=2&cursor=${page1.nextCursor}`,
    );
    const ids = [...page1.items, ...page2.items].map((i) => i.id);
    expect(new Set(ids).size).to.equal(ids.length);
    expect(ids).to.include(items[2]!.itemId);

    await act(moderator.client, items[0]!.itemId, 'assign');
    const mine = await queue(moderator.client, '?assigned=me');
    expect(mine.items.map((i) => i.id)).to.deep.equal([items[0]!.itemId]);
    expect(mine.items[0]?.status).to.equal('in_progress');
    const unassigned = await queue(moderator.client, '?assigned=unassigned&limit=50');
    expect(unassigned.items.map((i) => i.id)).not.to.include(items[0]!.itemId);

    await act(moderator.client, items[1]!.itemId, 'dismiss');
    const dismissed = await queue(moderator.client, '?status=dismissed&limit=50');
    expect(dismissed.items.map((i) => i.id)).to.include(items[1]!.itemId);
    const open = await queue(moderator.client, '?limit=50');
    expect(open.items.map((i) => i.id)).not.to.include(items[1]!.itemId);
    expect((await queue(moderator.client, '?kind=appeal&targetType=post')).items).to.deep.equal([]);
  });

  it('refuses a malformed cursor with 400', async () => {
    const moderator = await signedInAs('moderator');
    expect((await moderator.client.get('/api/v1/moderation/queue?cursor=nope')).status).to.equal(400);
    expect((await moderator.client.get('/api/v1/moderation/queue?status=closed')).status).to.equal(400);
  });

  it('shows scoped moderators only their categories’ items; items without a category only to global staff', async () => {
    const mine = await buildCategory();
    const other = await buildCategory();
    const scoped = await signedInAs('moderator');
    await scopeModerator(scoped.id, [mine.id]);
    const inScope = await flaggedReply(mine.id);
    const outOfScope = await flaggedReply(other.id);
    const profileTarget = await buildMember();
    const reporter = await signedInMember();
    const profileItem = await flag(reporter.client, 'profile', profileTarget.id);

    const seen = (await queue(scoped.client, '?limit=50')).items.map((i) => i.id);
    expect(seen).to.include(inScope.itemId);
    expect(seen).not.to.include(outOfScope.itemId);
    expect(seen).not.to.include(profileItem);
    expect((await scoped.client.get(`/api/v1/moderation/items/${outOfScope.itemId}`)).status).to.equal(404);
    expect((await scoped.client.get(`/api/v1/moderation/items/${profileItem}`)).status).to.equal(404);
    const refused = await scoped.client.send(
      'post',
      `/api/v1/moderation/items/${outOfScope.itemId}/hide`,
      {},
    );
    expect(refused.status).to.equal(404);

    const detail = await itemDetail(scoped.client, inScope.itemId);
    expect(detail.canActOnMember).to.equal(false);
    const warn = await scoped.client.send('post', `/api/v1/moderation/items/${inScope.itemId}/warn`, {
      reason: 'x',
    });
    expect(warn.status).to.equal(403);

    const global = await signedInAs('moderator');
    const all = (await queue(global.client, '?limit=50')).items.map((i) => i.id);
    expect(all).to.include.members([inScope.itemId, outOfScope.itemId, profileItem]);
  });

  for (const how of ['move', 'merge'] as const) {
    it(`follows the content after a ${how}: the old category's moderator loses the item, the new one's gets it`, async () => {
      const from = await buildCategory();
      const to = await buildCategory();
      const fromModerator = await signedInAsScoped([from.id]);
      const toModerator = await signedInAsScoped([to.id]);
      const { thread, reply, itemId } = await flaggedReply(from.id);
      const threadReporter = await signedInMember();
      const threadItem = await flag(threadReporter.client, 'thread', thread.id, 'spam');
      const admin = await signedInAs('admin');
      const done =
        how === 'move'
          ? await admin.client.send('post', `/api/v1/moderation/threads/${thread.id}/move`, {
              categoryId: to.id,
            })
          : await admin.client.send('post', `/api/v1/moderation/threads/${thread.id}/merge`, {
              targetId: (await buildThread(await buildMember(), { categoryId: to.id })).id,
            });
      expect(done.status, JSON.stringify(done.body)).to.equal(200);

      for (const id of [itemId, threadItem]) {
        const old = fromModerator.client;
        expect((await queue(old, '?limit=50')).items.map((i) => i.id)).not.to.include(id);
        expect((await old.get(`/api/v1/moderation/items/${id}`)).status).to.equal(404);
        expect(
          (await old.send('post', `/api/v1/moderation/items/${id}/notes`, { body: 'x' })).status,
        ).to.equal(404);
        expect((await old.send('post', `/api/v1/moderation/items/${id}/assign`, {})).status).to.equal(404);
        const edit = await old.send('post', `/api/v1/moderation/items/${id}/edit`, { body: 'Reescrito' });
        expect(edit.status).to.equal(404);
        expect((await queue(toModerator.client, '?limit=50')).items.map((i) => i.id)).to.include(id);
      }
      expect((await itemDetail(toModerator.client, itemId)).item.id).to.equal(itemId);
      const app = await getTestApp();
      const body = await app.pool.query('select body_source from posts where id = $1', [reply.id]);
      expect(body.rows[0]?.body_source).not.to.equal('Reescrito');
    });
  }

  it('shows the item page: snapshot, state, flags, internal notes and history', async () => {
    const { itemId, reply } = await flaggedReply();
    const moderator = await signedInAs('moderator');
    const note = await moderator.client.send('post', `/api/v1/moderation/items/${itemId}/notes`, {
      body: 'Revisar con el equipo',
    });
    expect(note.status).to.equal(201);
    const empty = await moderator.client.send('post', `/api/v1/moderation/items/${itemId}/notes`, {
      body: '  ',
    });
    expect(empty.status).to.equal(400);
    await act(moderator.client, itemId, 'hide', { reason: 'Publicidad' });
    const detail = await itemDetail(moderator.client, itemId);
    expect(detail.state).to.include({ exists: true, hidden: true, deleted: false });
    expect(detail.notes.map((n) => n.body)).to.deep.equal(['Revisar con el equipo']);
    expect(detail.history.map((h) => [h.action, h.targetId, h.reason])).to.deep.include([
      'post.hide',
      reply.id,
      'Publicidad',
    ]);
    expect(detail.item.status).to.equal('resolved');
    expect(detail.item.resolution).to.equal('hidden');
  });

  it('assigns to another moderator, and refuses assigning to a member', async () => {
    const { itemId } = await flaggedReply();
    const a = await signedInAs('moderator');
    const b = await signedInAs('moderator');
    const member = await buildMember();
    const done = await act(a.client, itemId, 'assign', { assigneeId: b.id });
    expect(done.item.assignee?.id).to.equal(b.id);
    const bad = await a.client.send('post', `/api/v1/moderation/items/${itemId}/assign`, {
      assigneeId: member.id,
    });
    expect(bad.status).to.equal(400);
    const list = await a.client.get('/api/v1/moderation/moderators');
    expect(list.body.items.map((p: { id: string }) => p.id)).to.include.members([a.id, b.id]);
  });
});
