import { staffOnly, type AuthzActor, type AuthzContext, type AuthzRequest, type AuthzRow } from '../matrix';
import { buildThread } from '../../helpers/factories';

/**
 * Staff of the thread's category act; everyone else is refused (visitors 401, others 403), the
 * thread's own author included.
 */
const STAFF_ONLY: Record<AuthzActor, number> = staffOnly(200, 403);

/** A fresh question by `owner` in the matrix's category, so that each actor meets it untouched. */
async function freshThread(ctx: AuthzContext): Promise<string> {
  return (await buildThread(ctx.owner, { categoryId: ctx.category.id, kind: 'question' })).id;
}

/** A row for one curation action whose body does not depend on other fixtures. */
function action(method: AuthzRow['method'], suffix: string, body: unknown): AuthzRow {
  return {
    method,
    path: `/api/v1/moderation/threads/:id${suffix}`,
    async prepare(ctx): Promise<AuthzRequest> {
      return { url: `/api/v1/moderation/threads/${await freshThread(ctx)}${suffix}`, body };
    },
    expect: STAFF_ONLY,
  };
}

/** Every route of thread curation. */
export const rows: AuthzRow[] = [
  // A category pin: a global one would lead every list other suites read.
  action('post', '/pin', { scope: 'category', reason: 'matrix' }),
  action('post', '/unpin', {}),
  action('post', '/feature', {}),
  action('post', '/unfeature', {}),
  action('post', '/lock', {}),
  action('post', '/unlock', {}),
  action('post', '/close', {}),
  action('post', '/reopen', {}),
  action('post', '/slow-mode', { minutes: 5 }),
  action('patch', '', { title: 'A clearer title from the matrix' }),
  {
    method: 'post',
    path: '/api/v1/moderation/threads/:id/move',
    async prepare(ctx) {
      // `otherScope` moderates the destination but not the thread's category: still refused.
      return {
        url: `/api/v1/moderation/threads/${await freshThread(ctx)}/move`,
        body: { categoryId: ctx.otherCategory.id },
      };
    },
    expect: STAFF_ONLY,
  },
  {
    method: 'post',
    path: '/api/v1/moderation/threads/:id/merge',
    async prepare(ctx) {
      const [source, target] = [await freshThread(ctx), await freshThread(ctx)];
      return { url: `/api/v1/moderation/threads/${source}/merge`, body: { targetId: target } };
    },
    expect: STAFF_ONLY,
  },
];
