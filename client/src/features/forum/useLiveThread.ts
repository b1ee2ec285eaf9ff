import { useEffect, useRef, useState } from 'react';
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { PostDto, ThreadResponse } from '@shared/api/threads';
import { useSocket } from '@client/realtime/RealtimeProvider';
import { missedPosts } from '@client/api/forum';

/**
 * Watches a thread: edits, reactions and thread changes are applied in place; new replies wait in
 * `pending` until the reader reveals them, so nothing moves under their eyes. After a reconnection the
 * thread is watched again and the posts missed meanwhile are fetched. `queryKey` is the view the page shows.
 */
export function useLiveThread(threadId: string, queryKey: QueryKey, client: QueryClient) {
  const socket = useSocket();
  const [pending, setPending] = useState<PostDto[]>([]);
  const lastSeq = useRef(0);

  useEffect(() => {
    const data = client.getQueryData<ThreadResponse>(queryKey);
    lastSeq.current = Math.max(lastSeq.current, data?.thread.postCount ?? 0);
  });

  useEffect(() => {
    const update = (change: (data: ThreadResponse) => ThreadResponse) =>
      client.setQueryData<ThreadResponse>(queryKey, (data) => (data ? change(data) : data));
    const addPending = (posts: PostDto[]) =>
      setPending((current) => {
        const known = new Set(current.map((p) => p.id));
        const page = client.getQueryData<ThreadResponse>(queryKey);
        for (const p of page?.posts ?? []) known.add(p.id);
        return [...current, ...posts.filter((p) => !known.has(p.id))];
      });
    const watch = () => {
      socket.emit('thread:watch', { threadId }, (ack) => {
        if (!ack.ok) return;
        const since = lastSeq.current;
        if (since > 0)
          void missedPosts(threadId, since).then((res) => addPending(res.items.filter((p) => !p.deleted)));
      });
    };
    const onCreated = ({ threadId: id, post }: { threadId: string; post: PostDto }) => {
      if (id !== threadId) return;
      lastSeq.current = Math.max(lastSeq.current, post.seq);
      addPending([post]);
    };
    const onUpdated = ({ threadId: id, post }: { threadId: string; post: PostDto }) => {
      if (id !== threadId) return;
      update((data) => ({
        ...data,
        posts: data.posts.map((p) => (p.id === post.id ? post : p)),
        acceptedPost: data.acceptedPost?.id === post.id ? (post.deleted ? null : post) : data.acceptedPost,
      }));
      setPending((current) => current.map((p) => (p.id === post.id ? post : p)));
    };
    const onThread = ({ thread }: { thread: { id: string; categoryId: string } }) => {
      if (thread.id !== threadId) return;
      const known = client.getQueryData<ThreadResponse>(queryKey)?.thread.categoryId;
      // A move empties the thread's room: watch again, and the server decides whether we still may.
      if (known !== undefined && known !== thread.categoryId)
        socket.emit('thread:watch', { threadId }, () => {});
      void client.invalidateQueries({ queryKey });
    };
    if (socket.connected) watch();
    socket.on('connect', watch);
    socket.on('post:created', onCreated);
    socket.on('post:updated', onUpdated);
    socket.on('thread:updated', onThread);
    return () => {
      socket.off('connect', watch);
      socket.off('post:created', onCreated);
      socket.off('post:updated', onUpdated);
      socket.off('thread:updated', onThread);
      socket.emit('thread:unwatch', { threadId }, () => {});
    };
  }, [socket, threadId, client]);

  /** Shows the waiting replies in the page. */
  const reveal = (view: 'threaded' | 'chronological') => {
    client.setQueryData<ThreadResponse>(queryKey, (data) => {
      if (!data) return data;
      const merged = mergePosts(data.posts, pending);
      return { ...data, posts: view === 'chronological' ? merged.sort((a, b) => a.seq - b.seq) : merged };
    });
    setPending([]);
  };
  return { pending, reveal };
}

/** Adds posts to a page, keeping tree order (by path-like parent chain) approximated by seq under parents. */
export function mergePosts(existing: PostDto[], added: PostDto[]): PostDto[] {
  const ids = new Set(existing.map((p) => p.id));
  const result = [...existing];
  for (const post of added) {
    if (ids.has(post.id)) continue;
    ids.add(post.id);
    // Insert after the parent's last descendant so the threaded view stays a tree.
    const parentIndex = result.findIndex((p) => p.id === post.parentId);
    if (parentIndex < 0) {
      result.push(post);
      continue;
    }
    let at = parentIndex + 1;
    while (at < result.length && (result[at]?.depth ?? 0) > (result[parentIndex]?.depth ?? 0)) at += 1;
    result.splice(at, 0, post);
  }
  return result;
}
