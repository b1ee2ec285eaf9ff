import type { Database } from '@server/db/pool';
import { findProfileByMemberId } from './profile.queries';

/** The themes a member chose on their profile (what their digest's questions and categories follow). */
export function createMemberThemes(db: Database) {
  return {
    /** The member's themes; none when they have no profile. */
    async of(memberId: string): Promise<string[]> {
      return (await findProfileByMemberId(db, memberId))?.profile.themes ?? [];
    },
  };
}

/** Reads members' themes. */
export type MemberThemes = ReturnType<typeof createMemberThemes>;
