import type { CategoryDto } from '@shared/api/categories';
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
