import { useEffect, useRef, useState } from 'react';
import { Link, Navigate, useParams, useSearchParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { THREAD_VIEWS, type PostDto, type ThreadResponse, type ThreadView } from '@shared/api/threads';
import { canReply } from '@shared/forum-policy';
import { categoryPath, PATHS, threadPath } from '@shared/routes';
import { usePageTitle } from '@client/components/usePageTitle';
import { useSession } from '@client/features/session/useSession';
import { ApiError } from '@client/api/errors';
import { createPost, markRead, setFollowing } from '@client/api/forum';
import { queryOptionsOf } from '@client/api/contractQuery';
import { threadPageQuery } from '@client/api/publicQueries';
import { viewOf, viewPath } from '@client/features/forum/threadAddress';
import { useHydrated } from '@client/components/useHydrated';
import { Composer } from '@client/features/forum/Composer';
import { PostItem, type PostActions } from '@client/features/forum/PostItem';
import { ThreadTree } from '@client/features/forum/ThreadTree';
import { ThreadBadges } from '@client/features/forum/ThreadBadges';
import { ModeratorTools } from '@client/features/forum/ModeratorTools';
import { mergePosts, useLiveThread } from '@client/features/forum/useLiveThread';
import { queryKeys } from '@client/api/queryKeys';
import { actorOf } from '@client/features/session/actorOf';
import { NotFoundPage } from './NotFoundPage';
import { isModerator } from '@shared/forum-policy';
import { fetchHeldPosts } from '@client/api/safeguards';
import { HiddenLabel } from '@client/features/safeguards/HiddenLabel';
import { ReviewContext, type ReviewState } from '@client/features/safeguards/ReviewContext';

/** A thread: its posts in the threaded or chronological view, live replies, and the reply form. */
export function ThreadPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('forum');
  const session = useSession();
  const client = useQueryClient();
  const hydrated = useHydrated();
  // The view and the page are in the address: real links that work without JavaScript and can be shared.
  const [search] = useSearchParams();
  const view = viewOf(search.get('view'));
  const cursor = search.get('cursor') ?? undefined;
  const page = threadPageQuery(id, view, cursor);
  const queryKey = page.queryKey;
  const thread = useQuery(queryOptionsOf(page));
  const live = useLiveThread(id, queryKey, client);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | undefined>();
  const readSent = useRef(0);
  const user = session.user;
  const actor = actorOf(user);
  usePageTitle(thread.data?.thread.title ?? t('thread.loading'));
  const moderator = isModerator(actor);
  const held = useQuery({
    queryKey: queryKeys.threads.heldPosts(id),
    queryFn: () => fetchHeldPosts(id),
    enabled: moderator,
  });
  const [decided, setDecided] = useState('');
  const [lastReply, setLastReply] = useState<PostDto | null>(null);
  const review: ReviewState = {
    byPost: new Map((held.data?.items ?? []).map((item) => [item.postId, item])),
    onDecided: (resolution) => {
      setDecided(t(`safeguards:review.${resolution}`));
      void client.invalidateQueries({ queryKey: queryKeys.threads.heldPosts(id) });
      void client.invalidateQueries({ queryKey: queryKeys.threads.detail(id) });
    },
    onChanged: () => {
      void client.invalidateQueries({ queryKey: queryKeys.threads.heldPosts(id) });
      void client.invalidateQueries({ queryKey: queryKeys.threads.detail(id) });
    },
  };

  const postCount = thread.data?.thread.postCount ?? 0;
  useEffect(() => {
    if (!user || postCount <= readSent.current) return;
    readSent.current = postCount;
    void markRead(id, postCount).catch(() => undefined);
  }, [user, id, postCount]);

  if (thread.isError && thread.error instanceof ApiError && thread.error.status === 404)
    return <NotFoundPage />;
  if (thread.isError) return <p role="alert">{thread.error.message}</p>;
  if (!thread.data) return <p className="loading">{t('common:status.loading')}</p>;
  const data = thread.data;
  // A merged thread's address leads to the thread its replies went to.
  if (data.thread.mergedInto) return <Navigate to={threadPath(data.thread.mergedInto)} replace />;

  const patch = (change: (d: ThreadResponse) => ThreadResponse) =>
    client.setQueryData<ThreadResponse>(queryKey, (d) => (d ? change(d) : d));
  const actions: PostActions = {
    onReplied: (post) => {
      patch((d) => ({
        ...d,
        posts: view === 'chronological' ? [...d.posts, post] : mergePosts(d.posts, [post]),
      }));
      // The other view, if it was loaded (or is loading, the member having switched meanwhile), is stale.
      const other: ThreadView = view === 'chronological' ? 'threaded' : 'chronological';
      void client.invalidateQueries({ queryKey: queryKeys.threads.view(id, other) });
    },
    onChanged: (post, mine) =>
      patch((d) => ({
        ...d,
        posts: d.posts.map((p) => (p.id === post.id ? post : p)),
        acceptedPost: d.acceptedPost?.id === post.id ? post : d.acceptedPost,
        myReactions: mine ? { ...d.myReactions, [post.id]: mine } : d.myReactions,
      })),
    onAccepted: () => void client.invalidateQueries({ queryKey: queryKeys.threads.detail(id) }),
  };
  const byId = new Map(data.posts.map((p) => [p.id, p]));
  const visible = data.posts.filter((p) => p.id !== data.acceptedPost?.id);

  return (
    <ReviewContext.Provider value={review}>
      <article className="thread-page" lang={data.thread.lang}>
        <p className="breadcrumb">
          <Link to={categoryPath(data.thread.categorySlug)}>{t('thread.backToCategory')}</Link>
        </p>
        <h1>{data.thread.title}</h1>
        {(data.thread.hidden || data.thread.deleted) && (
          <p className="notice">
            <HiddenLabel
              reason={data.thread.deleted ? 'deleted' : (data.thread.hidden ?? 'pending_review')}
            />{' '}
            {data.thread.hidden === 'pending_review' && data.thread.author?.id === user?.id
              ? t('safeguards:pending.thread')
              : t('safeguards:pending.hiddenThread')}
          </p>
        )}
        <p className="visually-hidden" role="status">
          {decided}
        </p>
        <p className="thread-item__meta">
          <span className={`badge badge--${data.thread.kind}`}>{t(`kind.${data.thread.kind}`)}</span>
          <ThreadBadges thread={data.thread} />
          <span>{t('list.replies', { count: data.thread.replyCount })}</span>
          {user && (
            <button
              type="button"
              className="button button--small button--secondary"
              aria-pressed={data.thread.following}
              onClick={() =>
                void setFollowing(id, !data.thread.following).then(() =>
                  client.invalidateQueries({ queryKey: queryKeys.threads.detail(id) }),
                )
              }
            >
              {data.thread.following ? t('thread.following') : t('thread.follow')}
            </button>
          )}
        </p>
        {data.canModerate && <ModeratorTools thread={data.thread} locale={session.locale} />}
        <nav className="view-switch" aria-label={t('thread.viewLabel')}>
          {THREAD_VIEWS.map((v) => (
            <Link
              key={v}
              to={viewPath(id, v)}
              replace
              className="button button--small button--secondary"
              aria-current={view === v ? 'page' : undefined}
            >
              {t(`thread.view.${v}`)}
            </Link>
          ))}
        </nav>
        <div aria-live="polite" className="live-region">
          {live.pending.length > 0 && (
            <button type="button" className="button live-banner" onClick={() => live.reveal(view)}>
              {t('thread.newReplies', { count: live.pending.length })}
            </button>
          )}
        </div>
        {data.acceptedPost && (
          <section aria-label={t('post.acceptedAnswer')} className="accepted">
            <PostItem
              post={data.acceptedPost}
              thread={data.thread}
              actor={actor}
              mine={data.myReactions[data.acceptedPost.id] ?? []}
              actions={actions}
              accepted
            />
          </section>
        )}
        <section aria-label={t(`thread.view.${view}`)}>
          {view === 'threaded' ? (
            <ThreadTree
              posts={visible}
              thread={data.thread}
              actor={actor}
              myReactions={data.myReactions}
              actions={actions}
            />
          ) : (
            <ol className="post-list">
              {visible.map((post: PostDto) => (
                <li key={post.id}>
                  <PostItem
                    post={post}
                    thread={data.thread}
                    actor={actor}
                    mine={data.myReactions[post.id] ?? []}
                    actions={actions}
                    inReplyTo={post.depth > 1 && post.parentId ? byId.get(post.parentId) : undefined}
                  />
                </li>
              ))}
            </ol>
          )}
        </section>
        {(cursor || data.nextCursor) && (
          <nav className="pagination" aria-label={t('thread.pages')}>
            {cursor && (
              <Link to={viewPath(id, view)} rel="prev">
                {t('thread.firstPage')}
              </Link>
            )}
            {data.nextCursor && (
              <Link to={viewPath(id, view, data.nextCursor)} rel="next">
                {t('thread.nextPage')}
              </Link>
            )}
          </nav>
        )}
        {canReply(actor, data.thread) ? (
          <form
            className="reply-form"
            aria-labelledby="reply-heading"
            onSubmit={(e) => {
              e.preventDefault();
              setError(undefined);
              createPost(id, { body: draft }).then(
                (res) => {
                  actions.onReplied(res.post);
                  setLastReply(res.post);
                  setDraft('');
                },
                (err: unknown) =>
                  setError(err instanceof ApiError ? (err.fields.body?.message ?? err.message) : String(err)),
              );
            }}
          >
            <h2 id="reply-heading">{t('thread.replyHeading')}</h2>
            {data.thread.slowModeMinutes > 0 && !data.canModerate && (
              <p className="notice">{t('curation.slowModeNotice', { count: data.thread.slowModeMinutes })}</p>
            )}
            {lastReply?.hidden === 'pending_review' && (
              <p className="notice" role="status">
                {t('safeguards:pending.reply')}
              </p>
            )}
            <Composer label={t('thread.replyLabel')} value={draft} onChange={setDraft} error={error} />
            {/* Until the app runs, a click would submit the form by itself and lose the draft. */}
            <button type="submit" className="button" disabled={!hydrated}>
              {t('post.send')}
            </button>
          </form>
        ) : (
          !user && (
            <p>
              <Link to={PATHS.signIn}>{t('thread.signInToReply')}</Link>
            </p>
          )
        )}
      </article>
    </ReviewContext.Provider>
  );
}
