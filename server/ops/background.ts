import type { Logger } from '@server/logger';

/**
 * Work a request starts after its answer is sent, so that the answer neither waits for nor reveals what
 * the work found (an account e-mail request answers the same, in the same time, for every address).
 * Failures are logged (and counted through `onFailure`); shutdown and tests wait for what is in flight with `idle()`.
 */
export function createBackgroundTasks(logger: Logger, onFailure?: () => void) {
  const inFlight = new Set<Promise<void>>();
  return {
    /** Runs `work` without making the caller wait; a failure is logged under `name`. */
    run(name: string, work: () => Promise<void>): void {
      // On the next turn of the event loop, once the answer has been handed to the socket.
      const task = new Promise<void>((resolve) => setImmediate(resolve))
        .then(work)
        .catch((error: unknown) => {
          logger.error({ err: error, task: name }, 'background task failed');
          onFailure?.();
        })
        .finally(() => inFlight.delete(task));
      inFlight.add(task);
    },
    /** Resolves once every task started so far (and any they started) has finished. */
    async idle(): Promise<void> {
      while (inFlight.size) await Promise.all([...inFlight]);
    },
  };
}

/** Work done after answering. */
export type BackgroundTasks = ReturnType<typeof createBackgroundTasks>;
