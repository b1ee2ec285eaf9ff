import type { PersonalDataContributor } from '@server/http/module';
import { followsOf, postsWrittenBy, reactionsGivenBy, threadsWrittenBy } from './forum.data.queries';

/**
 * The forum's part of a member's data archive: threads and posts they wrote (with the Markdown source),
 * the reactions they gave and the threads they follow. Nothing to erase by hand: threads and posts stay as
 * a former member's (their author is set null with the member row), reactions, follows and read
 * positions go with it.
 */
export const forumData: PersonalDataContributor[] = [
  {
    key: 'threads',
    async collect(db, memberId) {
      const rows = await threadsWrittenBy(db, memberId);
      return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
    },
  },
  {
    key: 'posts',
    async collect(db, memberId) {
      const rows = await postsWrittenBy(db, memberId);
      return rows.map((row) => ({
        ...row,
        createdAt: row.createdAt.toISOString(),
        editedAt: row.editedAt?.toISOString() ?? null,
        deletedAt: row.deletedAt?.toISOString() ?? null,
      }));
    },
  },
  {
    key: 'reactions',
    async collect(db, memberId) {
      const rows = await reactionsGivenBy(db, memberId);
      return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
    },
  },
  {
    key: 'follows',
    async collect(db, memberId) {
      const rows = await followsOf(db, memberId);
      return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
    },
  },
];
