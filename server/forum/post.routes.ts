import { postApi } from '@shared/api/threads';
import type { RouteHandlers } from '@server/http/mount';
import type { PostService } from './post.service';
import { presentAuthor, presentPost, revealTo } from './thread.presenter';
import { refusingLongBodies } from './forum.http';

/** The post routes as mounted: an edit's or a preview's body over the limit is a 413. */
export const mountedPostApi = refusingLongBodies(postApi, ['edit', 'preview']);

/** Editing, deleting and reacting to posts; revisions; the composer's preview. */
export function postHandlers(posts: PostService): RouteHandlers<typeof postApi> {
  return {
    edit: async ({ member, params, body }) => {
      const edited = await posts.edit(member, params.id, body.body);
      return { post: presentPost(edited.post, edited.reactions, undefined, () => true) };
    },

    remove: async ({ member, params }) => {
      const removed = await posts.remove(member, params.id);
      return { post: presentPost(removed.post) };
    },

    react: async ({ member, params, body }) => {
      const reacted = await posts.react(member, params.id, body.kind);
      const post = presentPost(reacted.post, reacted.reactions, undefined, revealTo(member.id, false));
      return { post, myReactions: reacted.mine };
    },

    revisions: async ({ member, params }) => {
      const rows = await posts.revisions(member, params.id);
      return {
        items: rows.map((row) => ({
          id: row.id,
          editor: presentAuthor({
            authorId: row.editorId,
            authorHandle: row.editorHandle,
            authorDisplayName: row.editorDisplayName,
            authorRole: row.editorRole,
          }),
          html: row.bodyHtml,
          source: row.bodySource,
          createdAt: row.createdAt.toISOString(),
        })),
      };
    },

    preview: async ({ member, body, req }) => ({
      html: await posts.preview(member, body.body, req.ip ?? 'unknown'),
    }),
  };
}
