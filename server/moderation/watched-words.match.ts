import type { WatchedWordAction } from '@shared/moderation';

/** Lower case without accents: "Ações" and "acoes" compare equal, as readers would read them. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The watched words found in some texts, matching whole words only ("gato" is not found in
 * "gatopardo"), whatever the case and the accents.
 */
export function findWatchedWords<W extends { word: string; action: WatchedWordAction }>(
  words: readonly W[],
  texts: readonly string[],
): W[] {
  const haystack = foldText(texts.join('\n'));
  return words.filter((entry) => {
    const needle = foldText(entry.word).trim();
    if (!needle) return false;
    const pattern = new RegExp(
      `(?<![\\p{L}\\p{N}])${escapeRegExp(needle).replace(/\s+/g, '\\s+')}(?![\\p{L}\\p{N}])`,
      'u',
    );
    return pattern.test(haystack);
  });
}

/** The external links of rendered HTML (mentions and in-site links are not counted). */
export function countLinks(html: string): number {
  return (html.match(/<a\s[^>]*href="https?:\/\//gi) ?? []).length;
}
