import { expect } from 'chai';
import { loadResources } from '@server/i18n/i18n';
import { LOCALES } from '@shared/constants';
import { ERROR_CODES, FIELD_ERROR_CODES } from '@shared/errors';

/**
 * Keys whose value may be the same as English in another language: proper nouns, language names
 * written in their own language, symbols, and words that really are spelt the same ("Menu" in
 * Portuguese and French).
 */
const SAME_AS_ENGLISH_ALLOWED = new Set<string>([
  'common:brand.name',
  'common:endonym.es',
  'common:endonym.pt',
  'common:endonym.en',
  'common:endonym.fr',
  'common:nav.menu',
]);

type Tree = Record<string, unknown>;

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else if (value && typeof value === 'object')
      for (const entry of flatten(value as Tree, path)) out.set(...entry);
    else out.set(path, `<${typeof value}>`);
  }
  return out;
}

function placeholders(value: string): string[] {
  return [...value.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1] ?? '').sort();
}

describe('locales', () => {
  const resources = loadResources();
  const flat = Object.fromEntries(
    LOCALES.map((locale) => {
      const all = new Map<string, string>();
      for (const [ns, tree] of Object.entries(resources[locale])) {
        for (const [key, value] of flatten(tree)) all.set(`${ns}:${key}`, value);
      }
      return [locale, all];
    }),
  ) as Record<(typeof LOCALES)[number], Map<string, string>>;

  it('has the same namespaces in every language', () => {
    const namespaces = (locale: string) => Object.keys(resources[locale as 'en']).sort();
    for (const locale of LOCALES) expect(namespaces(locale), locale).to.deep.equal(namespaces('en'));
  });

  for (const locale of LOCALES.filter((l) => l !== 'en')) {
    it(`${locale} has exactly the keys English has`, () => {
      const missing = [...flat.en.keys()].filter((key) => !flat[locale].has(key));
      const extra = [...flat[locale].keys()].filter((key) => !flat.en.has(key));
      expect({ missing, extra }).to.deep.equal({ missing: [], extra: [] });
    });

    it(`${locale} uses the same placeholders as English`, () => {
      const differing = [...flat.en.entries()]
        .filter(([key]) => flat[locale].has(key))
        .filter(
          ([key, value]) => placeholders(value).join() !== placeholders(flat[locale].get(key) ?? '').join(),
        )
        .map(([key]) => key);
      expect(differing).to.deep.equal([]);
    });

    it(`${locale} has no value left untranslated from English`, () => {
      const copies = [...flat.en.entries()]
        .filter(([key, value]) => flat[locale].get(key) === value && !SAME_AS_ENGLISH_ALLOWED.has(key))
        .map(([key]) => key);
      expect(copies).to.deep.equal([]);
    });
  }

  it('has no empty values', () => {
    for (const locale of LOCALES) {
      const empty = [...flat[locale].entries()]
        .filter(([, value]) => value.trim() === '')
        .map(([key]) => key);
      expect(empty, locale).to.deep.equal([]);
    }
  });

  it('has a message for every API error code and field error code', () => {
    for (const code of ERROR_CODES) expect(flat.en.has(`errors:${code}`), code).to.equal(true);
    for (const code of FIELD_ERROR_CODES) expect(flat.en.has(`errors:field.${code}`), code).to.equal(true);
  });
});
