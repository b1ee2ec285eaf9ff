import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REACTION_KINDS, type PostDto, type ReactionKind, type ThreadDto } from '@shared/api/threads';
import { canAccept, canEditPost, canReply, canSeeRevisions, type Actor } from '@shared/forum-policy';
import { ApiError } from '@client/api/errors';
import { acceptAnswer, createPost, deletePost, editPost, react } from '@client/api/forum';
import { LangBadge } from '@client/features/search/LangBadge';
import { FlagButton } from '@client/features/moderation/FlagButton';
import { Composer } from './Composer';
import { PostRevisions } from './PostRevisions';
import { HiddenLabel } from '@client/features/safeguards/HiddenLabel';
import { ReviewControls } from '@client/features/safeguards/ReviewControls';
import { useDateFormat } from '@client/components/useDateFormat';

/** What a post's actions change in the page. */
export interface PostActions {
  onReplied: (post: PostDto) => void;
  onChanged: (post: PostDto, mine?: ReactionKind[]) => void;
  onAccepted: () => void;
}

interface PostItemProps {
  post: PostDto;
  thread: ThreadDto;
  actor: Actor | null;
  mine: ReactionKind[];
  actions: PostActions;
  /** In the chronological view: the post this one answers. */
  inReplyTo?: PostDto;
  accepted?: boolean;
}

/** One post: author, body, reactions and the actions the reader may take. */
export function PostItem({ post, thread, actor, mine, actions, inReplyTo, accepted }: PostItemProps) {
  const { t } = useTranslation('forum');
  const [replying, setReplying] = useState(false);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | undefined>();
  const date = useDateFormat({ dateStyle: 'medium', timeStyle: 'short' });
  const authorId = post.author?.id ?? null;
  const { categoryId } = thread;
  const headingId = `post-${post.id}-author`;
  // No author on a live post: they deleted their account, the post stays as a former member's.
  const nameOf = (p: PostDto) => p.author?.displayName ?? (p.deleted ? '' : t('common:formerMember'));

  const run = async (work: () => Promise<void>) => {
    setError(undefined);
    try {
      await work();
    } catch (e) {
      setError(e instanceof ApiError ? (e.fields.body?.message ?? e.message) : String(e));
    }
  };

  // A hidden post whose text this reader may not see keeps its place, like a deleted one.
  if (post.hidden && post.hidden !== 'pending_review' && !post.html && !post.author) {
    return (
      <article
        className="post post--deleted"
        id={`post-${post.id}`}
        aria-label={t(`safeguards:labels.${post.hidden}`)}
      >
        <p>{t(`safeguards:placeholder.${post.hidden}`)}</p>
      </article>
    );
  }

  if (post.deleted) {
    return (
      <article className="post post--deleted" id={`post-${post.id}`} aria-label={t('post.deleted')}>
        <p>{t('post.deleted')}</p>
      </article>
    );
  }

  return (
    <article
      className={['post', accepted ? 'post--accepted' : '', post.hidden ? 'post--hidden' : '']
        .filter(Boolean)
        .join(' ')}
      id={`post-${post.id}`}
      aria-labelledby={headingId}
      tabIndex={-1}
    >
      <header className="post__header">
        <span id={headingId} className="post__author">
          {nameOf(post)}
        </span>{' '}
        {post.author?.verified && (
          <span className="badge badge--verified">
            <span aria-hidden="true">✓ </span>
            <span className="visually-hidden">{t('post.verifiedRole')}: </span>
            {post.author.verified.roleText}
          </span>
        )}{' '}
        <time dateTime={post.createdAt}>{date(post.createdAt)}</time>
        {post.edited && <span className="post__edited"> · {t('post.edited')}</span>}{' '}
        <LangBadge lang={post.lang} />
        {accepted && <strong className="badge badge--answered">{t('post.acceptedAnswer')}</strong>}
        {post.hidden && <HiddenLabel reason={post.hidden} />}
        {inReplyTo && (
          <p className="post__context">
            <a href={`#post-${inReplyTo.id}`}>
              {t('post.inReplyTo', { name: inReplyTo.deleted ? t('post.deleted') : nameOf(inReplyTo) })}
            </a>
          </p>
        )}
      </header>
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => {
              actions.onChanged((await editPost(post.id, draft)).post);
              setEditing(false);
            });
          }}
        >
          <Composer label={t('post.editLabel')} value={draft} onChange={setDraft} error={error} autoFocus />
          <button type="submit" className="button">
            {t('post.save')}
          </button>{' '}
          <button type="button" className="button button--secondary" onClick={() => setEditing(false)}>
            {t('post.cancel')}
          </button>
        </form>
      ) : (
        <div
          className="post__body"
          lang={post.lang === 'other' ? undefined : post.lang}
          dangerouslySetInnerHTML={{ __html: post.html }}
        />
      )}
      {post.hidden === 'pending_review' && authorId !== null && actor?.id === authorId && (
        <p className="notice" role="status">
          {t(post.seq === 1 ? 'safeguards:pending.thread' : 'safeguards:pending.reply')}
        </p>
      )}
      <ReviewControls postId={post.id} />
      <div className="post__actions" role="group" aria-label={t('post.actions')}>
        {REACTION_KINDS.map((kind) => (
          <button
            key={kind}
            type="button"
            className="reaction"
            aria-pressed={mine.includes(kind)}
            disabled={!actor || actor.status !== 'active'}
            onClick={() =>
              void run(async () => {
                const res = await react(post.id, kind);
                actions.onChanged(res.post, res.myReactions);
              })
            }
          >
            {t(`reaction.${kind}`)} <span className="reaction__count">{post.reactions[kind]}</span>
          </button>
        ))}
        {canReply(actor, thread) && (
          <button
            type="button"
            className="button button--small"
            aria-expanded={replying}
            onClick={() => setReplying(!replying)}
          >
            {t('post.reply')}
          </button>
        )}
        {post.seq > 1 && canAccept(actor, { ...thread, authorId: thread.author?.id ?? null }) && (
          <button
            type="button"
            className="button button--small"
            onClick={() =>
              void run(async () => {
                await acceptAnswer(thread.id, { postId: accepted ? null : post.id });
                actions.onAccepted();
              })
            }
          >
            {accepted ? t('post.unaccept') : t('post.accept')}
          </button>
        )}
        {canEditPost(actor, { authorId, deleted: post.deleted, categoryId }) && !editing && (
          <>
            <button
              type="button"
              className="button button--small button--secondary"
              onClick={() => {
                setDraft(post.source);
                setEditing(true);
              }}
            >
              {t('post.edit')}
            </button>
            <button
              type="button"
              className="button button--small button--secondary"
              onClick={() => {
                if (window.confirm(t('post.confirmDelete')))
                  void run(async () => actions.onChanged((await deletePost(post.id)).post));
              }}
            >
              {t('post.delete')}
            </button>
          </>
        )}
        {actor?.status === 'active' && authorId !== null && authorId !== actor.id && (
          <FlagButton
            targetType={post.seq === 1 ? 'thread' : 'post'}
            targetId={post.seq === 1 ? thread.id : post.id}
            className="button button--small button--secondary"
          />
        )}
      </div>
      {post.edited && canSeeRevisions(actor, { authorId, categoryId }) && <PostRevisions postId={post.id} />}
      {error && !editing && (
        <p role="alert" className="field__error">
          {error}
        </p>
      )}
      {replying && (
        <form
          className="post__reply"
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => {
              const created = await createPost(thread.id, { body: draft, parentId: post.id });
              actions.onReplied(created.post);
              setDraft('');
              setReplying(false);
            });
          }}
        >
          <Composer
            label={t('post.replyTo', { name: nameOf(post) })}
            value={draft}
            onChange={setDraft}
            error={error}
            autoFocus
          />
          <button type="submit" className="button">
            {t('post.send')}
          </button>
        </form>
      )}
    </article>
  );
}
