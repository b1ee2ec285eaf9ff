import { COUNTRY_CODES, LAC_COUNTRY_CODES } from '@shared/countries';

const displayNames = new Map<string, Intl.DisplayNames>();

function names(locale: string, type: 'region' | 'language'): Intl.DisplayNames {
  const key = `${locale}:${type}`;
  let found = displayNames.get(key);
  if (!found) {
    found = new Intl.DisplayNames([locale], { type, fallback: 'code' });
    displayNames.set(key, found);
  }
  return found;
}

/** A country's name in the interface language, from the browser's CLDR data. */
export function countryName(locale: string, code: string): string {
  return names(locale, 'region').of(code) ?? code;
}

/** A language's name in the interface language. */
export function languageName(locale: string, code: string): string {
  return names(locale, 'language').of(code) ?? code;
}

/** Country options for pickers: the LAC states first, then every other country, each group by name. */
export function countryOptions(locale: string): { lac: Option[]; other: Option[] } {
  const collator = new Intl.Collator(locale);
  const toOption = (code: string) => ({ value: code, label: countryName(locale, code) });
  const byName = (a: Option, b: Option) => collator.compare(a.label, b.label);
  return {
    lac: COUNTRY_CODES.filter((code) => LAC_COUNTRY_CODES.has(code))
      .map(toOption)
      .sort(byName),
    other: COUNTRY_CODES.filter((code) => !LAC_COUNTRY_CODES.has(code))
      .map(toOption)
      .sort(byName),
  };
}

/** A select option. */
export interface Option {
  value: string;
  label: string;
}
