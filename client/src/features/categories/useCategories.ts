import { useQuery } from '@tanstack/react-query';
import type { Locale } from '@shared/constants';
import { queryOptionsOf } from '@client/api/contractQuery';
import { categoriesQuery } from '@client/api/publicQueries';

/** The forum's categories, named in `locale` (the server answers in the session's language). */
export function useCategories(locale: Locale) {
  return useQuery(queryOptionsOf(categoriesQuery(locale)));
}
