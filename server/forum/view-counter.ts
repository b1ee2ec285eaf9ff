import type { Database } from '@server/db/pool';
import type { Logger } from '@server/logger';
import { addViews } from './thread.queries';

/** How often counted views are written, in one statement. */
export const VIEW_FLUSH_INTERVAL_MS = 30_000;

/**
 * Thread views counted in memory and written in batches, so that reading a thread writes nothing on the
 * request's path (a counter update on every view is what makes busy topic pages slow elsewhere).
 */
export function createViewCounter(db: Database, logger: Logger, intervalMs = VIEW_FLUSH_INTERVAL_MS) {
  let pending = new Map<string, number>();
  let flushing: Promise<void> = Promise.resolve();

  const flush = (): Promise<void> => {
    flushing = flushing.then(async () => {
      if (pending.size === 0) return;
      const batch = pending;
      pending = new Map();
      try {
        await addViews(db, batch);
      } catch (error) {
        logger.warn({ err: error, threads: batch.size }, 'view counts could not be written');
      }
    });
    return flushing;
  };

  const timer = setInterval(() => void flush(), intervalMs);
  timer.unref();

  return {
    /** Counts one view of a thread. */
    record(threadId: string): void {
      pending.set(threadId, (pending.get(threadId) ?? 0) + 1);
    },
    /** Views counted and not yet written. */
    pendingCount(): number {
      let total = 0;
      for (const n of pending.values()) total += n;
      return total;
    },
    /** Writes the counted views now. */
    flush,
    /** Stops the timer and writes what is left (at shutdown, before the pool closes). */
    async stop(): Promise<void> {
      clearInterval(timer);
      await flush();
    },
  };
}

/** The view counter. */
export type ViewCounter = ReturnType<typeof createViewCounter>;
