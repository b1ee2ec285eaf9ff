import type { Logger } from '@server/logger';
import type { DigestService } from './digest.service';

/** How often the scheduler looks for due digests, and the clock it reads (tests pass their own). */
export interface DigestSchedulerOptions {
  pollMs: number;
  now: () => Date;
}

/** Production: every minute, on the real clock. */
export const DEFAULT_DIGEST_OPTIONS: DigestSchedulerOptions = { pollMs: 60_000, now: () => new Date() };

/**
 * Runs the digest service on a timer in the server process. Several processes may run it at once: each
 * member's period is claimed by a unique key in the same transaction as its e-mail, so a digest is
 * written once whatever the number of schedulers, and a restart resumes where the rows say.
 */
export function createDigestScheduler(
  digests: DigestService,
  logger: Logger,
  options: DigestSchedulerOptions,
  /** Told of each failed run (the metrics count them). */
  onFailure?: () => void,
) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = true;

  const tick = () => {
    if (stopped) return;
    running = digests
      .runAt(options.now())
      .catch((error: unknown) => {
        logger.error({ err: error }, 'digest scheduler failed');
        onFailure?.();
      })
      .finally(() => {
        running = undefined;
        if (!stopped) timer = setTimeout(tick, options.pollMs);
      });
  };

  return {
    /** Starts looking for due digests. */
    start(): void {
      if (!stopped) return;
      stopped = false;
      timer = setTimeout(tick, 0);
    },
    /** Stops and waits for the run in flight. */
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
    /** Writes the digests due at `at` (default: the scheduler's clock) once, now. */
    runOnce: (at: Date = options.now()) => digests.runAt(at),
  };
}

/** The digest scheduler. */
export type DigestScheduler = ReturnType<typeof createDigestScheduler>;
