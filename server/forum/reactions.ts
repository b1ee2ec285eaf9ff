import type { ReactionKind } from '@shared/api/threads';
import { emptyReactions } from './thread.presenter';

/** Reaction counts and the reader's own reactions, by post. */
export interface ReactionTally {
  counts: Map<string, Record<ReactionKind, number>>;
  mine: Map<string, ReactionKind[]>;
}

/** Folds grouped reaction rows into counts per post and the reader's own kinds per post. */
export function tallyReactions(rows: { postId: string; kind: ReactionKind; count: number; mine: boolean }[]) {
  const tally: ReactionTally = { counts: new Map(), mine: new Map() };
  for (const row of rows) {
    const counts = tally.counts.get(row.postId) ?? emptyReactions();
    counts[row.kind] = row.count;
    tally.counts.set(row.postId, counts);
    if (row.mine) tally.mine.set(row.postId, [...(tally.mine.get(row.postId) ?? []), row.kind]);
  }
  return tally;
}
