import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FORUM_LIMITS, type PostDto, type ReactionKind, type ThreadDto } from '@shared/api/threads';
import type { Actor } from '@shared/forum-policy';
import { PostItem, type PostActions } from './PostItem';

interface TreeProps {
  posts: PostDto[];
  thread: ThreadDto;
  actor: Actor | null;
  myReactions: Record<string, ReactionKind[]>;
  actions: PostActions;
}

/** The threaded view: replies indented under what they answer, branches collapsible, deep ones continued. */
export function ThreadTree(props: TreeProps) {
  const [focus, setFocus] = useState<string | null>(null);
  const { t } = useTranslation('forum');
  const children = new Map<string | null, PostDto[]>();
  for (const post of props.posts) {
    const key = post.parentId && props.posts.some((p) => p.id === post.parentId) ? post.parentId : null;
    children.set(key, [...(children.get(key) ?? []), post]);
  }
  const roots = focus ? props.posts.filter((p) => p.id === focus) : (children.get(null) ?? []);
  const base = focus ? (roots[0]?.depth ?? 0) : 0;
  return (
    <>
      {focus && (
        <button type="button" className="button button--secondary" onClick={() => setFocus(null)}>
          {t('tree.backToThread')}
        </button>
      )}
      <ul className="post-tree" role="list">
        {roots.map((post) => (
          <Branch key={post.id} post={post} tree={children} base={base} onContinue={setFocus} {...props} />
        ))}
      </ul>
    </>
  );
}

function Branch(
  props: TreeProps & {
    post: PostDto;
    tree: Map<string | null, PostDto[]>;
    base: number;
    onContinue: (id: string) => void;
  },
) {
  const { t } = useTranslation('forum');
  const [open, setOpen] = useState(true);
  const { post, tree } = props;
  const replies = tree.get(post.id) ?? [];
  const level = post.depth - props.base;
  const branchId = `replies-${post.id}`;
  return (
    <li className="post-tree__item" data-depth={Math.min(level, FORUM_LIMITS.visibleDepth)}>
      <PostItem
        post={post}
        thread={props.thread}
        actor={props.actor}
        mine={props.myReactions[post.id] ?? []}
        actions={props.actions}
      />
      {replies.length > 0 && (
        <>
          <button
            type="button"
            className="post-tree__toggle"
            aria-expanded={open}
            aria-controls={branchId}
            onClick={() => setOpen(!open)}
          >
            {open
              ? t('tree.collapse', { count: replies.length })
              : t('tree.expand', { count: replies.length })}
          </button>
          {level >= FORUM_LIMITS.visibleDepth ? (
            <button
              type="button"
              className="post-tree__continue"
              onClick={() => props.onContinue(post.id)}
              hidden={!open}
            >
              {t('tree.continue')}
            </button>
          ) : (
            <ul id={branchId} className="post-tree post-tree--nested" role="list" hidden={!open}>
              {replies.map((reply) => (
                <Branch key={reply.id} {...props} post={reply} />
              ))}
            </ul>
          )}
        </>
      )}
    </li>
  );
}
