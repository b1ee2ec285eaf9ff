import type { SearchPostHit, SearchThreadHit } from '@shared/api/search';
import type { PostHitRow, ThreadHitRow } from './search.queries';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * A `ts_headline` result as HTML: everything escaped, then only the highlight markers (\u0002 and
 * \u0003, removed from the source before highlighting) become `<mark>` elements.
 */
export function markedToHtml(marked: string): string {
  let open = false;
  let html = marked.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
  // eslint-disable-next-line no-control-regex -- the markers are control characters on purpose
  html = html.replace(/[\u0002\u0003]/g, (marker) => {
    if (marker === '\u0002' && !open) {
      open = true;
      return '<mark>';
    }
    if (marker === '\u0003' && open) {
      open = false;
      return '</mark>';
    }
    return '';
  });
  return open ? `${html}</mark>` : html;
}

/** A matching post as results show it. */
export function presentPostHit(row: PostHitRow): SearchPostHit {
  return {
    id: row.id,
    threadId: row.threadId,
    seq: row.seq,
    lang: row.lang,
    author: {
      id: row.authorId,
      handle: row.authorHandle,
      displayName: row.authorDisplayName,
      role: row.authorRole,
    },
    snippetHtml: markedToHtml(row.snippet),
    accepted: row.accepted,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A thread with its matching posts as results show it. */
export function presentThreadHit(row: ThreadHitRow, posts: SearchPostHit[]): SearchThreadHit {
  return {
    id: row.id,
    title: row.title,
    titleHtml: markedToHtml(row.titleMarked),
    lang: row.lang,
    kind: row.kind,
    categorySlug: row.categorySlug,
    tags: row.tags,
    answered: row.answered,
    replyCount: row.replyCount,
    createdAt: row.createdAt.toISOString(),
    posts,
  };
}
