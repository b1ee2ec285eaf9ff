import { expect } from 'chai';
import { and, eq } from 'drizzle-orm';
import { auditLog, members } from '@server/db/schema';
import { insertMember } from '@server/members/member.queries';
import { hashPassword } from '@server/auth/password';
import type { AdminMemberDto, AdminMemberListResponse, StaffListResponse } from '@shared/api/admin';
import { getTestApp, startTestApp, type TestApp } from '../helpers/app';
import { buildCategory, buildMember, buildReply, buildThread, unique } from '../helpers/factories';
import { ApiClient } from '../helpers/http';
import { setScopes, signedInAs, signedInAsScoped, type SignedInAs } from '../helpers/staff';
import { enrolTwoFactor } from '../helpers/totp';
import { text } from '../helpers/copy';

/** The audit entries about one member, oldest first. */
async function auditOf(app: TestApp, memberId: string, action: string) {
  return app.db
    .select()
    .from(auditLog)
    .where(
      and(eq(auditLog.targetType, 'member'), eq(auditLog.targetId, memberId), eq(auditLog.action, action)),
    )
    .orderBy(auditLog.id);
}

describe('Roles and moderator scopes', () => {
  let app: TestApp;
  let admin: SignedInAs;
  let moderator: SignedInAs;
  let member: SignedInAs;

  before(async () => {
    app = await getTestApp();
    [admin, moderator, member] = await Promise.all([
      signedInAs('admin'),
      signedInAs('moderator'),
      signedInAs('member'),
    ]);
  });

  describe('GET /api/v1/admin/staff', () => {
    it('lists moderators and admins with their scopes, admins first', async () => {
      const category = await buildCategory();
      const scoped = await signedInAsScoped([category.id]);
      const res = await admin.client.get('/api/v1/admin/staff').expect(200);
      const items = (res.body as StaffListResponse).items;
      const ids = items.map((m) => m.id);
      expect(ids).to.include.members([admin.id, moderator.id, scoped.id]);
      expect(ids).not.to.include(member.id);
      expect(items.find((m) => m.id === scoped.id)).to.include({ role: 'moderator', twoFactorEnabled: true });
      expect(items.find((m) => m.id === scoped.id)?.scopes).to.deep.equal([category.id]);
      expect(items.find((m) => m.id === moderator.id)?.scopes).to.equal(null);
      const firstModerator = items.findIndex((m) => m.role === 'moderator');
      expect(items.slice(firstModerator).every((m) => m.role === 'moderator')).to.equal(true);
    });

    it('is for admins: 401 for visitors, 403 for members and moderators', async () => {
      await new ApiClient(app.url).get('/api/v1/admin/staff').expect(401);
      await member.client.get('/api/v1/admin/staff').expect(403);
      const res = await moderator.client.get('/api/v1/admin/staff').expect(403);
      expect(res.body.error.code).to.equal('forbidden');
    });
  });

  describe('PUT /api/v1/admin/members/:id/role', () => {
    it('grants the moderator role, records it, and the new moderator must enrol a second factor', async () => {
      const built = await buildMember();
      const client = new ApiClient(app.url);
      await client.signIn(built.email, built.password);
      const res = await admin.client
        .send('put', `/api/v1/admin/members/${built.id}/role`, { role: 'moderator', reason: 'Secretariat' })
        .then((r) => r);
      expect(res.status).to.equal(200);
      expect((res.body as { member: AdminMemberDto }).member).to.include({
        id: built.id,
        role: 'moderator',
        twoFactorEnabled: false,
      });
      const [entry] = await auditOf(app, built.id, 'member.role');
      expect(entry).to.include({ actorId: admin.id, reason: 'Secretariat' });
      expect(entry?.before).to.deep.equal({ role: 'member', scopes: null });
      expect(entry?.after).to.deep.equal({ role: 'moderator', scopes: null });

      // The same session, on its next request: a moderator now, held back until a second factor.
      const session = await client.session();
      expect(session.user?.role).to.equal('moderator');
      const refused = await client.get('/api/v1/admin/staff').expect(403);
      expect(refused.body.error.code).to.equal('second_factor_required');
    });

    it('removes a staff role: staff tools refuse at once, the session stays signed in', async () => {
      const former = await signedInAs('admin');
      await former.client.get('/api/v1/admin/staff').expect(200);
      const res = await admin.client.send('put', `/api/v1/admin/members/${former.id}/role`, {
        role: 'member',
      });
      expect(res.status).to.equal(200);
      await former.client.get('/api/v1/admin/staff').expect(403);
      const session = await former.client.session();
      expect(session.user).to.include({ id: former.id, role: 'member' });
      const [entry] = await auditOf(app, former.id, 'member.role');
      expect(entry?.before).to.deep.equal({ role: 'admin', scopes: null });
      expect(entry?.after).to.deep.equal({ role: 'member', scopes: null });
    });

    it('clears a moderator’s scopes when they leave the role', async () => {
      const category = await buildCategory();
      const scoped = await signedInAsScoped([category.id]);
      await admin.client.send('put', `/api/v1/admin/members/${scoped.id}/role`, { role: 'admin' });
      const [entry] = await auditOf(app, scoped.id, 'member.role');
      expect(entry?.before).to.deep.equal({ role: 'moderator', scopes: [category.id] });
      const session = await scoped.client.session();
      expect(session.user).to.include({ role: 'admin', scopes: null });
      const res = await admin.client.send('put', `/api/v1/admin/members/${scoped.id}/role`, {
        role: 'moderator',
      });
      expect((res.body as { member: AdminMemberDto }).member.scopes).to.equal(null);
    });

    it('changes nothing when the role is the same', async () => {
      const built = await buildMember();
      await admin.client
        .send('put', `/api/v1/admin/members/${built.id}/role`, { role: 'member' })
        .then((r) => {
          expect(r.status).to.equal(200);
        });
      expect(await auditOf(app, built.id, 'member.role')).to.have.length(0);
    });

    it('refuses bad input with a localized error and changes nothing', async () => {
      const built = await buildMember();
      const fr = await signedInAs('admin', 'fr');
      const res = await fr.client.send('put', `/api/v1/admin/members/${built.id}/role`, { role: 'owner' });
      expect(res.status).to.equal(400);
      expect(res.body.error.message).to.equal(text('fr', 'errors:validation_failed'));
      expect(res.body.error.fields).to.have.property('role');
      const tooLong = await admin.client.send('put', `/api/v1/admin/members/${built.id}/role`, {
        role: 'moderator',
        reason: 'x'.repeat(501),
      });
      expect(tooLong.status).to.equal(400);
      const [row] = await app.db.select().from(members).where(eq(members.id, built.id));
      expect(row?.role).to.equal('member');
    });

    it('answers 404 for an unknown or malformed member id', async () => {
      const unknown = await admin.client.send('put', `/api/v1/admin/members/${crypto.randomUUID()}/role`, {
        role: 'moderator',
      });
      expect(unknown.status).to.equal(404);
      const malformed = await admin.client.send('put', '/api/v1/admin/members/nope/role', {
        role: 'moderator',
      });
      expect(malformed.status).to.equal(404);
    });

    it('is for admins only: a moderator cannot promote a member', async () => {
      const built = await buildMember();
      const res = await moderator.client.send('put', `/api/v1/admin/members/${built.id}/role`, {
        role: 'admin',
      });
      expect(res.status).to.equal(403);
      const [row] = await app.db.select().from(members).where(eq(members.id, built.id));
      expect(row?.role).to.equal('member');
    });
  });

  describe('PUT /api/v1/admin/members/:id/scopes', () => {
    it('limits a moderator to categories, records it, and an empty list restores every category', async () => {
      const [a, b] = await Promise.all([buildCategory(), buildCategory()]);
      const target = await signedInAs('moderator');
      const res = await admin.client.send('put', `/api/v1/admin/members/${target.id}/scopes`, {
        categoryIds: [b.id, a.id, a.id],
      });
      expect(res.status).to.equal(200);
      const expected = [a.id, b.id].sort();
      expect((res.body as { member: AdminMemberDto }).member.scopes).to.deep.equal(expected);
      expect((await target.client.session()).user?.scopes).to.deep.equal(expected);

      const cleared = await admin.client.send('put', `/api/v1/admin/members/${target.id}/scopes`, {
        categoryIds: [],
      });
      expect((cleared.body as { member: AdminMemberDto }).member.scopes).to.equal(null);
      const entries = await auditOf(app, target.id, 'member.scopes');
      expect(entries.map((e) => [e.before, e.after])).to.deep.equal([
        [{ scopes: null }, { scopes: expected }],
        [{ scopes: expected }, { scopes: null }],
      ]);
    });

    it('refuses unknown categories and members who are not moderators', async () => {
      const target = await signedInAs('moderator');
      const unknown = await admin.client.send('put', `/api/v1/admin/members/${target.id}/scopes`, {
        categoryIds: [crypto.randomUUID()],
      });
      expect(unknown.status).to.equal(400);
      expect(unknown.body.error.fields).to.have.property('categoryIds');
      const category = await buildCategory();
      const es = await signedInAs('admin', 'es');
      const notModerator = await es.client.send('put', `/api/v1/admin/members/${member.id}/scopes`, {
        categoryIds: [category.id],
      });
      expect(notModerator.status).to.equal(409);
      expect(notModerator.body.error).to.include({
        code: 'scopes_for_moderators_only',
        message: text('es', 'errors:scopes_for_moderators_only'),
      });
      expect(await auditOf(app, target.id, 'member.scopes')).to.have.length(0);
    });
  });

  describe('GET /api/v1/admin/members', () => {
    it('finds members by name, handle or e-mail, page by page', async () => {
      const tag = unique();
      const found = await Promise.all(
        [1, 2, 3].map((n) =>
          buildMember({ displayName: `Rolesearch ${tag} ${n}`, email: `rs-${tag}-${n}@example.org` }),
        ),
      );
      const first = await admin.client.get(`/api/v1/admin/members?q=${tag}&limit=2`).expect(200);
      const page1 = first.body as AdminMemberListResponse;
      expect(page1.items.map((m) => m.id)).to.deep.equal([found[0]?.id, found[1]?.id]);
      expect(page1.nextCursor).to.be.a('string');
      const second = await admin.client
        .get(`/api/v1/admin/members?q=${tag}&limit=2&cursor=${page1.nextCursor ?? ''}`)
        .expect(200);
      const page2 = second.body as AdminMemberListResponse;
      expect(page2.items.map((m) => m.id)).to.deep.equal([found[2]?.id]);
      expect(page2.nextCursor).to.equal(null);

      const byEmail = await admin.client.get(`/api/v1/admin/members?q=rs-${tag}-2@`).expect(200);
      expect((byEmail.body as AdminMemberListResponse).items.map((m) => m.id)).to.deep.equal([found[1]?.id]);
      const byHandle = await admin.client
        .get(`/api/v1/admin/members?q=${found[2]?.handle ?? ''}`)
        .expect(200);
      expect((byHandle.body as AdminMemberListResponse).items.map((m) => m.id)).to.include(found[2]?.id);
      const wildcard = await admin.client
        .get(`/api/v1/admin/members?q=${encodeURIComponent('%_')}`)
        .expect(200);
      expect((wildcard.body as AdminMemberListResponse).items).to.have.length(0);
    });

    it('refuses a cursor it did not make, and non-admins', async () => {
      await admin.client.get('/api/v1/admin/members?cursor=nonsense').expect(400);
      await moderator.client.get('/api/v1/admin/members?q=a').expect(403);
      await new ApiClient(app.url).get('/api/v1/admin/members').expect(401);
    });
  });

  describe('scoped moderators in the forum', () => {
    let inScope: { id: string; slug: string };
    let outOfScope: { id: string; slug: string };
    let scoped: SignedInAs;
    let author: SignedInAs;

    before(async () => {
      [inScope, outOfScope] = await Promise.all([buildCategory(), buildCategory()]);
      scoped = await signedInAsScoped([inScope.id]);
      author = await signedInAs('member');
    });

    it('edits and deletes others’ posts in their categories only', async () => {
      const inside = await buildThread(author, { categoryId: inScope.id });
      const outside = await buildThread(author, { categoryId: outOfScope.id });
      const replyIn = await buildReply(author, inside.id);
      const replyOut = await buildReply(author, outside.id);

      const editOut = await scoped.client.send('patch', `/api/v1/posts/${replyOut.id}`, { body: 'Edited' });
      expect(editOut.status).to.equal(403);
      const deleteOut = await scoped.client.send('delete', `/api/v1/posts/${replyOut.id}`);
      expect(deleteOut.status).to.equal(403);
      await scoped.client.get(`/api/v1/posts/${replyOut.id}/revisions`).expect(403);

      const editIn = await scoped.client.send('patch', `/api/v1/posts/${replyIn.id}`, { body: 'Edited' });
      expect(editIn.status).to.equal(200);
      await scoped.client.get(`/api/v1/posts/${replyIn.id}/revisions`).expect(200);
      const deleteIn = await scoped.client.send('delete', `/api/v1/posts/${replyIn.id}`);
      expect(deleteIn.status).to.equal(200);
    });

    it('curates and replies to locked threads in their categories only', async () => {
      const inside = await buildThread(author, { categoryId: inScope.id });
      const outside = await buildThread(author, { categoryId: outOfScope.id });
      const lockOut = await scoped.client.send('patch', `/api/v1/threads/${outside.id}`, { locked: true });
      expect(lockOut.status).to.equal(403);
      const lockIn = await scoped.client.send('patch', `/api/v1/threads/${inside.id}`, { locked: true });
      expect(lockIn.status).to.equal(200);
      const replyIn = await scoped.client.send('post', `/api/v1/threads/${inside.id}/posts`, {
        body: 'Still here',
      });
      expect(replyIn.status).to.equal(201);

      await admin.client.send('patch', `/api/v1/threads/${outside.id}`, { locked: true });
      const replyOut = await scoped.client.send('post', `/api/v1/threads/${outside.id}/posts`, {
        body: 'No',
      });
      expect(replyOut.status).to.equal(403);
      expect(replyOut.body.error.code).to.equal('thread_locked');
    });

    it('accepts answers to questions in their categories only', async () => {
      const inside = await buildThread(author, { categoryId: inScope.id, kind: 'question' });
      const outside = await buildThread(author, { categoryId: outOfScope.id, kind: 'question' });
      const answerIn = await buildReply(author, inside.id);
      const answerOut = await buildReply(author, outside.id);
      const acceptOut = await scoped.client.send('post', `/api/v1/threads/${outside.id}/accept`, {
        postId: answerOut.id,
      });
      expect(acceptOut.status).to.equal(403);
      const acceptIn = await scoped.client.send('post', `/api/v1/threads/${inside.id}/accept`, {
        postId: answerIn.id,
      });
      expect(acceptIn.status).to.equal(200);
    });

    it('reads a moderators-only category only when it is one of theirs', async () => {
      const [own, other] = await Promise.all([
        buildCategory({ readAccess: 'moderators' }),
        buildCategory({ readAccess: 'moderators' }),
      ]);
      const staffAuthor = await signedInAs('moderator');
      const ownThread = await buildThread(staffAuthor, { categoryId: own.id });
      const otherThread = await buildThread(staffAuthor, { categoryId: other.id });
      const reader = await signedInAsScoped([own.id]);
      await reader.client.get(`/api/v1/threads/${ownThread.id}`).expect(200);
      await reader.client.get(`/api/v1/threads/${otherThread.id}`).expect(404);
      await reader.client.get(`/api/v1/categories/${own.slug}`).expect(200);
      await reader.client.get(`/api/v1/categories/${other.slug}`).expect(404);
      await moderator.client.get(`/api/v1/threads/${otherThread.id}`).expect(200);
    });

    it('moderates everywhere again once the scopes are cleared', async () => {
      const outside = await buildThread(author, { categoryId: outOfScope.id });
      const reply = await buildReply(author, outside.id);
      const other = await signedInAsScoped([inScope.id]);
      await setScopes(other.id, []);
      const res = await other.client.send('patch', `/api/v1/posts/${reply.id}`, { body: 'Edited by staff' });
      expect(res.status).to.equal(200);
    });
  });
});

describe('The last admin', () => {
  let app: TestApp;

  before(async () => {
    app = await startTestApp();
  });

  after(async () => {
    await app.dispose();
  });

  /** A signed-in member of the app of this suite, with a second factor for staff. */
  async function signedIn(role: 'member' | 'admin') {
    const password = 'correct horse battery staple';
    const row = await insertMember(app.db, {
      email: `last-admin-${unique()}@example.org`,
      passwordHash: await hashPassword(password),
      handle: `last_admin_${unique().replace(/-/g, '')}`.slice(0, 30),
      displayName: `Last admin ${unique()}`,
      role,
      status: 'active',
      locale: 'pt',
      emailVerifiedAt: new Date(),
    });
    const client = new ApiClient(app.url, undefined, 'pt');
    const res = await client.signIn(row.email, password);
    expect(res.status).to.equal(200);
    if (role === 'admin') await enrolTwoFactor(client);
    return { ...row, client };
  }

  it('cannot step down or be demoted while no other admin remains', async () => {
    const only = await signedIn('admin');
    const res = await only.client.send('put', `/api/v1/admin/members/${only.id}/role`, { role: 'member' });
    expect(res.status).to.equal(409);
    expect(res.body.error).to.include({ code: 'last_admin', message: text('pt', 'errors:last_admin') });
    await only.client.get('/api/v1/admin/staff').expect(200);

    const other = await signedIn('member');
    const granted = await only.client.send('put', `/api/v1/admin/members/${other.id}/role`, {
      role: 'admin',
    });
    expect(granted.status).to.equal(200);
    const stepDown = await only.client.send('put', `/api/v1/admin/members/${only.id}/role`, {
      role: 'member',
    });
    expect(stepDown.status).to.equal(200);
    await only.client.get('/api/v1/admin/staff').expect(403);
  });
});
