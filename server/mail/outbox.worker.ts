import type { Database } from '@server/db/pool';
import type { Logger } from '@server/logger';
import type { Translator } from '@server/i18n/i18n';
import type { MailKind } from '@shared/api/notifications';
import { claimDue, countBacklog, markFailed, markSent, markSkipped, type OutboxRow } from './outbox.queries';
import { renderMail, type MailData, type MailTemplate } from './templates';
import type { MailTransport } from './transport';
import type { UnsubscribeTokens } from './unsubscribe';

/** Tuning of the worker (tests shorten it). */
export interface OutboxWorkerOptions {
  pollMs: number;
  leaseSeconds: number;
  maxAttempts: number;
  /** Backoff before retry n (1-based): base * 2^(n-1) seconds. */
  backoffBaseSeconds: number;
}

/** Production defaults: poll every 2 s, 2-minute lease, 8 attempts spread over about 4 hours. */
export const DEFAULT_OUTBOX_OPTIONS: OutboxWorkerOptions = {
  pollMs: 2000,
  leaseSeconds: 120,
  maxAttempts: 8,
  backoffBaseSeconds: 60,
};

/** Decides, at send time, that an e-mail is no longer wanted (a message read in the meantime). */
export type SkipCheck = (row: OutboxRow) => Promise<boolean>;

interface WorkerDeps {
  db: Database;
  transport: MailTransport;
  translator: Translator;
  logger: Logger;
  baseUrl: string;
  unsubscribe: UnsubscribeTokens;
  skipChecks: SkipCheck[];
  options: OutboxWorkerOptions;
  /** Told of each failure: a run that failed, or one e-mail's delivery attempt (the metrics count them). */
  onFailure?: (what: 'run' | 'delivery') => void;
}

/**
 * Sends what the outbox holds. Each row is claimed with a lease, rendered, sent with its id as
 * Message-ID and marked sent; a failure is retried with exponential backoff. A process that dies after
 * the commit leaves the row unclaimed or with an expiring lease, so the next worker sends it.
 */
export function createOutboxWorker(deps: WorkerDeps) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = true;

  const compose = (row: OutboxRow) => {
    const kind = row.kind as MailKind | null;
    const unsubscribeUrl =
      kind && row.memberId
        ? `${deps.baseUrl}/mail/unsubscribe/${deps.unsubscribe.sign(row.memberId, kind)}`
        : null;
    const rendered = renderMail(deps.translator, deps.baseUrl, {
      template: row.template as MailTemplate,
      locale: row.locale,
      kind,
      data: row.data as unknown as MailData,
      unsubscribeUrl,
    });
    const headers: Record<string, string> = { 'Auto-Submitted': 'auto-generated' };
    if (unsubscribeUrl) {
      headers['List-Unsubscribe'] = `<${unsubscribeUrl}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    }
    return { id: row.id, to: row.toAddress, ...rendered, headers };
  };

  const deliver = async (row: OutboxRow) => {
    try {
      for (const check of deps.skipChecks) {
        if (await check(row)) {
          await markSkipped(deps.db, row.id);
          return;
        }
      }
      await deps.transport.send(compose(row));
      await markSent(deps.db, row.id);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const last = row.attempts >= deps.options.maxAttempts;
      const retryIn = last ? null : deps.options.backoffBaseSeconds * 2 ** (row.attempts - 1);
      deps.logger.warn({ outboxId: row.id, attempt: row.attempts, err: message }, 'e-mail not sent');
      deps.onFailure?.('delivery');
      await markFailed(deps.db, row.id, message.slice(0, 500), retryIn);
    }
  };

  /** Sends every due e-mail once; resolves with how many rows were handled. */
  const runOnce = async (): Promise<number> => {
    let handled = 0;
    for (;;) {
      const rows = await claimDue(deps.db, 20, deps.options.leaseSeconds);
      for (const row of rows) await deliver(row);
      handled += rows.length;
      if (rows.length < 20) return handled;
    }
  };

  const tick = () => {
    if (stopped) return;
    running = runOnce()
      .catch((error: unknown) => {
        deps.logger.error({ err: error }, 'outbox worker failed');
        deps.onFailure?.('run');
        return 0;
      })
      .finally(() => {
        running = undefined;
        if (!stopped) timer = setTimeout(tick, deps.options.pollMs);
      });
  };

  return {
    /** Starts polling. */
    start(): void {
      if (!stopped) return;
      stopped = false;
      timer = setTimeout(tick, 0);
    },
    /** Wakes the worker now (after a commit that wrote to the outbox). */
    poke(): void {
      if (stopped || running) return;
      clearTimeout(timer);
      timer = setTimeout(tick, 0);
    },
    /** Stops polling and waits for the batch in flight. */
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
    runOnce,
    /** The unsent e-mails, due and scheduled (for the metrics). */
    backlog: () => countBacklog(deps.db),
  };
}

/** The outbox worker. */
export type OutboxWorker = ReturnType<typeof createOutboxWorker>;
