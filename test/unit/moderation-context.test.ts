import { expect } from 'chai';
import { AppError } from '@server/errors';
import type { MemberRow } from '@server/members';
import { assertGlobalModerator } from '@server/moderation/moderation.context';

/** The fields of a member row that the check reads. */
const row = (role: MemberRow['role'], scopes: string[] | null, twoFactorEnabled = true) =>
  ({ id: `${role}-id`, role, status: 'active', scopes, twoFactorEnabled }) as MemberRow;

describe('moderation context', () => {
  it('leaves member-level work to moderators without a scope and admins', () => {
    expect(() => assertGlobalModerator(row('moderator', null))).not.to.throw();
    expect(() => assertGlobalModerator(row('admin', null))).not.to.throw();
    expect(() => assertGlobalModerator(row('admin', ['a-category']))).not.to.throw();
    for (const who of [
      row('moderator', ['a-category']),
      row('moderator', []),
      row('member', null),
      // Staff powers come with a second factor.
      row('moderator', null, false),
      row('admin', null, false),
    ]) {
      expect(() => assertGlobalModerator(who), `${who.role} ${String(who.scopes)}`)
        .to.throw(AppError)
        .with.property('status', 403);
    }
  });
});
