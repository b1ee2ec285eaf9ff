import { expect } from 'chai';
import {
  canAccept,
  canEditPost,
  canReply,
  canSeeRevisions,
  isActive,
  isGlobalModerator,
  isModerator,
  moderatesCategory,
  type Actor,
} from '@shared/forum-policy';
import { actorOf, canRead, claimedActorOf, readableAccess } from '@server/forum/thread.policy';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const actor = (
  role: Actor['role'],
  scopes: string[] | null = null,
  status: Actor['status'] = 'active',
): Actor => ({
  id: `${role}-${status}-id`,
  role,
  status,
  scopes,
});

describe('forum policy with moderator scopes', () => {
  const scoped = actor('moderator', [A]);
  const global = actor('moderator');
  const admin = actor('admin', [A]);
  const member = actor('member');
  const post = (categoryId: string) => ({ authorId: 'someone-else', deleted: false, categoryId });

  it('lets a scoped moderator moderate only their categories', () => {
    expect(moderatesCategory(scoped, A)).to.equal(true);
    expect(moderatesCategory(scoped, B)).to.equal(false);
    expect(moderatesCategory(scoped, null)).to.equal(false);
    expect(isGlobalModerator(scoped)).to.equal(false);
  });

  it('never limits moderators without scopes, nor admins', () => {
    expect(moderatesCategory(global, B)).to.equal(true);
    expect(isGlobalModerator(global)).to.equal(true);
    expect(moderatesCategory(admin, B)).to.equal(true);
    expect(isGlobalModerator(admin)).to.equal(true);
    expect(moderatesCategory(member, A)).to.equal(false);
  });

  it('scopes editing, revisions, replies to locked threads and accepting answers', () => {
    expect(canEditPost(scoped, post(A))).to.equal(true);
    expect(canEditPost(scoped, post(B))).to.equal(false);
    expect(canSeeRevisions(scoped, post(B))).to.equal(false);
    expect(canReply(scoped, { locked: true, categoryId: A })).to.equal(true);
    expect(canReply(scoped, { locked: true, categoryId: B })).to.equal(false);
    const question = { kind: 'question' as const, authorId: 'someone-else' };
    expect(canAccept(scoped, { ...question, categoryId: A })).to.equal(true);
    expect(canAccept(scoped, { ...question, categoryId: B })).to.equal(false);
    expect(canEditPost(member, { ...post(B), authorId: member.id })).to.equal(true);
  });

  it('reads moderators-only categories by scope, and leaves them out of a scoped moderator’s lists', () => {
    expect(canRead(scoped, 'moderators', A)).to.equal(true);
    expect(canRead(scoped, 'moderators', B)).to.equal(false);
    expect(readableAccess(scoped)).to.deep.equal(['public', 'members']);
    expect(readableAccess(global)).to.deep.equal(['public', 'members', 'moderators']);
    expect(canRead(member, 'moderators', A)).to.equal(false);
  });

  it('treats a moderator whose scopes were not read as moderating nothing', () => {
    const unknown = actorOf({ id: 'x', role: 'moderator', status: 'active', twoFactorEnabled: true });
    expect(moderatesCategory(unknown, A)).to.equal(false);
    expect(
      moderatesCategory(
        actorOf({ id: 'x', role: 'moderator', status: 'active', scopes: null, twoFactorEnabled: true }),
        A,
      ),
    ).to.equal(true);
  });

  it('gives staff without a second factor a member’s powers only, whatever their role says', () => {
    for (const role of ['moderator', 'admin'] as const) {
      const unenrolled = actorOf({ id: 'x', role, status: 'active', scopes: null, twoFactorEnabled: false });
      expect(unenrolled.role, role).to.equal('member');
      expect(readableAccess(unenrolled), role).to.deep.equal(['public', 'members']);
      expect(canRead(unenrolled, 'moderators', A), role).to.equal(false);
      expect(moderatesCategory(unenrolled, A), role).to.equal(false);
      // The role as stored, where a refusal must tell them to enrol.
      expect(claimedActorOf({ id: 'x', role, status: 'active', scopes: null }).role, role).to.equal(role);
    }
    const enrolled = actorOf({
      id: 'x',
      role: 'admin',
      status: 'active',
      scopes: null,
      twoFactorEnabled: true,
    });
    expect(canRead(enrolled, 'moderators', A)).to.equal(true);
  });

  it('lets a moderator whose scopes were read moderate only those categories', () => {
    const scopedActor = actorOf({
      id: 'x',
      role: 'moderator',
      status: 'active',
      scopes: [A],
      twoFactorEnabled: true,
    });
    expect(moderatesCategory(scopedActor, A)).to.equal(true);
    expect(moderatesCategory(scopedActor, B)).to.equal(false);
    expect(
      actorOf({ id: 'x', role: 'moderator', status: 'active', twoFactorEnabled: true }).scopes,
    ).to.deep.equal([]);
    expect(actorOf({ id: 'y', role: 'admin', status: 'active', twoFactorEnabled: true }).scopes).to.equal(
      null,
    );
    expect(actorOf({ id: 'z', role: 'member', status: 'pending', twoFactorEnabled: false })).to.deep.equal({
      id: 'z',
      role: 'member',
      status: 'pending',
      scopes: null,
    });
    expect(actorOf(null)).to.equal(null);
    expect(actorOf(undefined)).to.equal(null);
  });
});

describe('forum policy for visitors, members and accounts that cannot write', () => {
  const member = actor('member');
  const other: Actor = { ...actor('member'), id: 'another-member-id' };
  const global = actor('moderator');
  const admin = actor('admin');
  const inactive = [
    actor('member', null, 'pending'),
    actor('member', null, 'suspended'),
    actor('moderator', null, 'suspended'),
    actor('admin', null, 'pending'),
  ];
  const own = (who: Actor) => ({ authorId: who.id, deleted: false, categoryId: A });
  const thread = { locked: false, categoryId: A };
  const question = { kind: 'question' as const, authorId: member.id, categoryId: A };

  it('knows moderators and admins, and nobody else, as moderators', () => {
    expect(isModerator(null)).to.equal(false);
    expect(isModerator(member)).to.equal(false);
    expect(isModerator(global)).to.equal(true);
    expect(isModerator(admin)).to.equal(true);
    expect(moderatesCategory(null, A)).to.equal(false);
    expect(isGlobalModerator(null)).to.equal(false);
    expect(isGlobalModerator(member)).to.equal(false);
  });

  it('counts only active accounts as active', () => {
    expect(isActive(null)).to.equal(false);
    expect(isActive(member)).to.equal(true);
    for (const who of inactive) expect(isActive(who), `${who.role} ${who.status}`).to.equal(false);
  });

  it('lets visitors and inactive accounts edit, reply and accept nothing, not even their own', () => {
    expect(canEditPost(null, own(member))).to.equal(false);
    expect(canReply(null, thread)).to.equal(false);
    expect(canAccept(null, question)).to.equal(false);
    expect(canSeeRevisions(null, own(member))).to.equal(false);
    for (const who of inactive) {
      const label = `${who.role} ${who.status}`;
      expect(canEditPost(who, own(who)), label).to.equal(false);
      expect(canReply(who, thread), label).to.equal(false);
      expect(canAccept(who, { ...question, authorId: who.id }), label).to.equal(false);
    }
  });

  it('lets a member edit and see the revisions of their own posts only, and nobody edit a deleted one', () => {
    expect(canEditPost(member, own(member))).to.equal(true);
    expect(canEditPost(other, own(member))).to.equal(false);
    expect(canEditPost(global, own(member))).to.equal(true);
    expect(canEditPost(member, { ...own(member), deleted: true })).to.equal(false);
    expect(canEditPost(global, { ...own(member), deleted: true })).to.equal(false);
    expect(canSeeRevisions(member, own(member))).to.equal(true);
    expect(canSeeRevisions(other, own(member))).to.equal(false);
    expect(canSeeRevisions(global, own(member))).to.equal(true);
  });

  it('lets any active member reply to an open thread, and only its moderators to a locked one', () => {
    expect(canReply(member, thread)).to.equal(true);
    expect(canReply(member, { ...thread, locked: true })).to.equal(false);
    expect(canReply(global, { ...thread, locked: true })).to.equal(true);
  });

  it('lets the asker (or a moderator) accept an answer, on questions only', () => {
    expect(canAccept(member, question)).to.equal(true);
    expect(canAccept(other, question)).to.equal(false);
    expect(canAccept(global, question)).to.equal(true);
    expect(canAccept(member, { ...question, kind: 'discussion' })).to.equal(false);
    expect(canAccept(global, { ...question, kind: 'discussion' })).to.equal(false);
  });

  it('lets visitors read public categories, members also members-only ones, moderators all', () => {
    expect(readableAccess(null)).to.deep.equal(['public']);
    expect(readableAccess(member)).to.deep.equal(['public', 'members']);
    expect(readableAccess(admin)).to.deep.equal(['public', 'members', 'moderators']);
    expect(canRead(null, 'public')).to.equal(true);
    expect(canRead(null, 'members')).to.equal(false);
    expect(canRead(null, 'moderators', A)).to.equal(false);
    expect(canRead(member, 'members')).to.equal(true);
    expect(canRead(global, 'moderators', B)).to.equal(true);
    expect(canRead(admin, 'moderators')).to.equal(true);
  });
});
