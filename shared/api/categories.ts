/** A category as listed to readers, named in the request's language. */
export interface CategoryDto {
  id: string;
  slug: string;
  name: string;
  description: string;
  /** Language the name and description are in (the request's, or the category's default as a fallback). */
  lang: string;
  position: number;
}

/** `GET /api/v1/categories` */
export interface CategoryListResponse {
  items: CategoryDto[];
}
