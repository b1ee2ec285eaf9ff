import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locale } from '@shared/constants';

const localesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'locales');

/**
 * A string of the locale files (`namespace:dotted.key`, placeholders filled), so browser assertions
 * follow the copy instead of repeating it.
 */
export function text(locale: Locale, key: string, params: Record<string, string> = {}): string {
  const [namespace = '', dotted = ''] = key.split(':');
  const tree: unknown = JSON.parse(readFileSync(path.join(localesDir, locale, `${namespace}.json`), 'utf8'));
  let value: unknown = tree;
  for (const part of dotted.split('.')) value = (value as Record<string, unknown>)[part];
  if (typeof value !== 'string') throw new Error(`no string at ${locale}/${key}`);
  return value.replace(/\{\{(\w+)\}\}/g, (_, name: string) => params[name] ?? '');
}
