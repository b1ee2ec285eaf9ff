import { createFlagService } from './flag.service';
import { createQueueService } from './queue.service';
import { createActionService } from './actions.service';
import { createNoticeService } from './notice.service';
import { createLogService } from './log.service';
import type { ModerationDeps } from './moderation.context';

/** The moderation feature's services, wired together. */
export function createModeration(deps: ModerationDeps) {
  return {
    flags: createFlagService(deps),
    queue: createQueueService(deps),
    actions: createActionService(deps),
    notices: createNoticeService(deps),
    log: createLogService(deps),
  };
}

/** The moderation services. */
export type Moderation = ReturnType<typeof createModeration>;

/**
 * Ends suspensions whose time has passed, every `intervalMs` (members are also made active on their
 * next request, so the sweep only keeps the table honest for lists and sockets).
 */
export function startSuspensionSweep(
  lift: () => Promise<string[]>,
  onError: (error: unknown) => void,
  intervalMs = 60_000,
): { stop(): void } {
  const timer = setInterval(() => {
    lift().catch(onError);
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
