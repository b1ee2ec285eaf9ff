import type { Executor } from '@server/db/pool';
import type { MailKind } from '@shared/api/notifications';
import { insertOutbox } from './outbox.queries';
import type { MailData, MailTemplate } from './templates';

/** One e-mail a feature asks for. */
export interface MailRequest {
  memberId: string | null;
  to: string;
  locale: string;
  template: MailTemplate;
  data: MailData;
  /** The notification kind (or `digest`), for unsubscribe links; null for account e-mails (never unsubscribable). */
  kind?: MailKind | null;
  /** Seconds to wait before sending (offline messages). */
  delaySeconds?: number;
}

/**
 * What other features call to send e-mail: they write to the outbox inside their own transaction, so
 * the e-mail exists if and only if the event committed. `afterCommit` wakes the worker.
 */
export function createMailService(wake: () => void) {
  return {
    /** Queues e-mails in the caller's transaction; returns their outbox ids. */
    enqueue(tx: Executor, requests: MailRequest[]): Promise<string[]> {
      return insertOutbox(
        tx,
        requests.map((r) => ({
          memberId: r.memberId,
          toAddress: r.to,
          locale: r.locale,
          template: r.template,
          data: r.data as unknown as Record<string, unknown>,
          kind: r.kind ?? null,
          sendAfter: new Date(Date.now() + (r.delaySeconds ?? 0) * 1000),
        })),
      );
    },
    /** Wakes the worker once the transaction committed. */
    afterCommit: wake,
  };
}

/** The mail service. */
export type MailService = ReturnType<typeof createMailService>;
