import type { Database } from '@server/db/pool';
import type { Locale } from '@shared/constants';
import { insertCategory, listCategories, type CategoryTranslationInput } from './category.queries';

/** Reading and creating categories. Curation (edit, reorder, archive) is added with the forum. */
export function createCategoryService(db: Database) {
  return {
    /** Categories anyone may read, in `locale`. */
    list(locale: Locale) {
      return listCategories(db, locale);
    },

    /** Creates a category with its names; used by the seed. */
    create(input: {
      slug: string;
      position: number;
      defaultLocale: Locale;
      translations: CategoryTranslationInput[];
    }) {
      return db.transaction((tx) => insertCategory(tx, input));
    },
  };
}

/** The category service. */
export type CategoryService = ReturnType<typeof createCategoryService>;
