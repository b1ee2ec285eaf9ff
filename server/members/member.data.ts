import type { PersonalDataContributor } from '@server/http/module';
import { findMemberById } from './member.queries';

/** The account settings in a member's data archive (never the password hash). */
export const accountData: PersonalDataContributor = {
  key: 'account',
  async collect(db, memberId) {
    const member = await findMemberById(db, memberId);
    if (!member) return null;
    return {
      email: member.email,
      emailVerifiedAt: member.emailVerifiedAt?.toISOString() ?? null,
      handle: member.handle,
      displayName: member.displayName,
      role: member.role,
      status: member.status,
      locale: member.locale,
      createdAt: member.createdAt.toISOString(),
      lastSeenAt: member.lastSeenAt?.toISOString() ?? null,
      // What they wrote when applying, and whether the application was declined.
      applicationNote: member.applicationNote,
      applicationDeclinedAt: member.applicationDeclinedAt?.toISOString() ?? null,
    };
  },
};
