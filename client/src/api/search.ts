import type { SearchResponse, SuggestResponse } from '@shared/api/search';
import { apiRequest } from './request';

/** `GET /api/v1/search?…` with the results page's URL parameters as they are. */
export const searchContent = (search: string) => apiRequest<SearchResponse>('GET', `/search?${search}`);

/** `GET /api/v1/search/suggest?q=` */
export const suggest = (q: string) =>
  apiRequest<SuggestResponse>('GET', `/search/suggest?q=${encodeURIComponent(q)}`);
