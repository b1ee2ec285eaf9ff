import { asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '@server/db/pool';
import { watchedWords } from '@server/db/schema';
import type { Locale } from '@shared/constants';
import type { WatchedWordAction } from '@shared/moderation';

/** A watched word row. */
export type WatchedWordRow = typeof watchedWords.$inferSelect;

/** The watched words of some languages, alphabetically. */
export function listWatchedWords(db: Executor, langs: readonly Locale[]): Promise<WatchedWordRow[]> {
  return db
    .select()
    .from(watchedWords)
    .where(inArray(watchedWords.lang, [...langs]))
    .orderBy(asc(watchedWords.lang), asc(watchedWords.word));
}

/** Adds a word; undefined when the language already watches it. */
export async function insertWatchedWord(
  tx: Executor,
  input: { lang: Locale; word: string; action: WatchedWordAction; createdById: string },
): Promise<WatchedWordRow | undefined> {
  const [row] = await tx.insert(watchedWords).values(input).onConflictDoNothing().returning();
  return row;
}

/** Removes a word, returning it; undefined when there was none. */
export async function deleteWatchedWord(tx: Executor, id: string): Promise<WatchedWordRow | undefined> {
  const [row] = await tx.delete(watchedWords).where(eq(watchedWords.id, id)).returning();
  return row;
}
