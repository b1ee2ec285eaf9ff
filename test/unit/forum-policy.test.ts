import { expect } from 'chai';
import {
  canAccept,
  canEditPost,
  canReply,
  canSeeRevisions,
  isGlobalModerator,
  moderatesCategory,
  type Actor,
} from '@shared/forum-policy';
import { actorOf, canRead, claimedActorOf, readableAccess } from '@server/forum/thread.policy';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const actor = (role: Actor['role'], scopes: string[] | null = null): Actor => ({
  id: `${role}-id`,
  role,
  status: 'active',
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
});
