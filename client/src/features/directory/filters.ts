import type { DirectoryFacets } from '@shared/api/directory';

/** The multi-value facets, as URL parameters (the API takes the same names). */
export const LIST_FACETS = ['subregion', 'country', 'sector', 'expertise', 'language'] as const;

/** A multi-value facet. */
export type ListFacet = (typeof LIST_FACETS)[number];

/** The yes/no facets. */
export const FLAG_FACETS = [
  'openToExchange',
  'verified',
] as const satisfies readonly (keyof DirectoryFacets)[];

/** The values chosen for a facet in the URL (`?country=BR,MX`). */
export function chosen(params: URLSearchParams, facet: string): string[] {
  return params
    .getAll(facet)
    .flatMap((value) => value.split(','))
    .filter(Boolean);
}

/** The URL with one facet value switched on or off; the cursor is dropped (a new search starts). */
export function toggled(params: URLSearchParams, facet: string, value: string): URLSearchParams {
  const next = new URLSearchParams(params);
  const values = chosen(params, facet);
  const updated = values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
  next.delete(facet);
  if (updated.length) next.set(facet, updated.join(','));
  return next;
}

/** How many filters are on. */
export function activeFilterCount(params: URLSearchParams): number {
  return [...LIST_FACETS, ...FLAG_FACETS].reduce((n, facet) => n + chosen(params, facet).length, 0);
}
