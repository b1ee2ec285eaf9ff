import type { Database } from '@server/db/pool';
import { AppError, notFound } from '@server/errors';
import type { MemberRow } from '@server/members';
import { audit } from '@server/audit';
import { LOCALES, type ContentLang, type Locale } from '@shared/constants';
import type { CreateWatchedWordRequest } from '@shared/api/safeguards';
import { assertGlobalModerator } from './moderation.context';
import {
  deleteWatchedWord,
  insertWatchedWord,
  listWatchedWords,
  type WatchedWordRow,
} from './watched-words.queries';
import { findWatchedWords } from './watched-words.match';

/** The languages whose words apply to content in `lang`: its own, or all four when it is unknown. */
export function langsFor(lang: ContentLang | null): readonly Locale[] {
  return lang && (LOCALES as readonly string[]).includes(lang) ? [lang as Locale] : LOCALES;
}

/** The list of watched words (global moderators and admins) and the check content passes. */
export function createWatchedWordService(db: Database) {
  return {
    /** The words of one language, or of all. */
    async list(member: MemberRow, lang?: Locale): Promise<WatchedWordRow[]> {
      assertGlobalModerator(member);
      return listWatchedWords(db, lang ? [lang] : LOCALES);
    },

    /** Adds a word (409 when the language already watches it), audited. */
    async add(member: MemberRow, input: CreateWatchedWordRequest): Promise<WatchedWordRow> {
      assertGlobalModerator(member);
      return db.transaction(async (tx) => {
        const row = await insertWatchedWord(tx, { ...input, createdById: member.id });
        if (!row) {
          throw new AppError(409, 'watched_word_exists', { fields: { word: { code: 'invalid_value' } } });
        }
        await audit.record(tx, {
          actorId: member.id,
          action: 'watched_word.add',
          targetType: 'watched_word',
          targetId: row.id,
          after: { lang: row.lang, word: row.word, action: row.action },
        });
        return row;
      });
    },

    /** Removes a word, audited. */
    async remove(member: MemberRow, id: string): Promise<void> {
      assertGlobalModerator(member);
      await db.transaction(async (tx) => {
        const row = await deleteWatchedWord(tx, id);
        if (!row) throw notFound();
        await audit.record(tx, {
          actorId: member.id,
          action: 'watched_word.remove',
          targetType: 'watched_word',
          targetId: row.id,
          before: { lang: row.lang, word: row.word, action: row.action },
        });
      });
    },

    /** The watched words found in texts written in `lang` (every language's when it is unknown). */
    async find(lang: ContentLang | null, texts: readonly string[]): Promise<WatchedWordRow[]> {
      const words = await listWatchedWords(db, langsFor(lang));
      return findWatchedWords(words, texts);
    },
  };
}

/** The watched-word service. */
export type WatchedWordService = ReturnType<typeof createWatchedWordService>;
