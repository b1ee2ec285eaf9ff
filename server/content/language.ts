import { detectAll } from 'tinyld';
import { LOCALES, type ContentLang } from '@shared/constants';

/** Texts shorter than this are too short to tell their language apart. */
const MIN_LENGTH = 25;
/** How far ahead of the runner-up the detector's guess must be to override the thread's language. */
const MIN_MARGIN = 2;

/**
 * The language of a text, detected offline: one of the four, `other` for a clearly different one, or
 * undefined when the text is too short or the detector unsure (the post then takes its thread's).
 */
export function detectContentLang(text: string): ContentLang | undefined {
  const plain = text.replace(/```[\s\S]*?```|`[^`]*`|https?:\/\/\S+|@[a-z0-9_]+/gi, ' ').trim();
  if (plain.length < MIN_LENGTH) return undefined;
  const [best, next] = detectAll(plain);
  if (!best || (next && best.accuracy < next.accuracy * MIN_MARGIN)) return undefined;
  return (LOCALES as readonly string[]).includes(best.lang) ? (best.lang as ContentLang) : 'other';
}
