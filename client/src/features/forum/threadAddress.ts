import { THREAD_VIEWS, type ThreadView } from '@shared/api/threads';
import { threadPath } from '@shared/routes';

/** The view named in a thread's address (`?view=`), threaded unless it names another. */
export function viewOf(value: string | null): ThreadView {
  return THREAD_VIEWS.find((v) => v === value) ?? 'threaded';
}

/** The address of a thread in one view, from a page's cursor (the first page without one). */
export function viewPath(id: string, view: ThreadView, cursor?: string): string {
  const search = new URLSearchParams();
  if (view !== 'threaded') search.set('view', view);
  if (cursor) search.set('cursor', cursor);
  const query = search.toString();
  return query ? `${threadPath(id)}?${query}` : threadPath(id);
}
