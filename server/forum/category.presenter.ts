import type { AdminCategoryDto, CategoryDto, CategoryText } from '@shared/api/categories';
import type { Locale } from '@shared/constants';
import type { CategoryRow } from './category.queries';

/** A category row as the API shows it. */
export function presentCategory(row: CategoryRow): CategoryDto {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    lang: row.lang,
    position: row.position,
    readAccess: row.readAccess,
    archived: row.archived,
  };
}

/** A category with its text in every language, as administrators edit it. */
export function presentAdminCategory(
  row: CategoryRow,
  translations: Partial<Record<Locale, CategoryText>>,
): AdminCategoryDto {
  return { ...presentCategory(row), defaultLocale: row.defaultLocale, translations };
}
