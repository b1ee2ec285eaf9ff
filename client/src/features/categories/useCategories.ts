import { useQuery } from '@tanstack/react-query';
import type { Locale } from '@shared/constants';
import { listCategories } from '@client/api/endpoints';
import { queryKeys } from '@client/api/queryKeys';

/** The forum's categories, named in `locale` (the server answers in the session's language). */
export function useCategories(locale: Locale) {
  return useQuery({ queryKey: queryKeys.categories.list(locale), queryFn: listCategories });
}
