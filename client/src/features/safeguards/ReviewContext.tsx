import { createContext, useContext } from 'react';
import type { HeldPostDto } from '@shared/api/safeguards';

/** What a moderator's thread page knows about the posts the safeguards queued in it. */
export interface ReviewState {
  byPost: Map<string, HeldPostDto>;
  /** Called after a decision, to reload the thread and the queue. */
  onDecided: (resolution: 'approved' | 'rejected') => void;
  /** Called when the post changed since the page loaded it, to show the moderator the new version. */
  onChanged: () => void;
}

/** The queued posts of the current thread (empty for readers who do not moderate it). */
export const ReviewContext = createContext<ReviewState>({
  byPost: new Map(),
  onDecided: () => undefined,
  onChanged: () => undefined,
});

/** The queue item of a post, if the safeguards queued it and the reader moderates it. */
export function useReviewItem(
  postId: string,
): Pick<ReviewState, 'onDecided' | 'onChanged'> & { item?: HeldPostDto } {
  const state = useContext(ReviewContext);
  return { item: state.byPost.get(postId), onDecided: state.onDecided, onChanged: state.onChanged };
}
