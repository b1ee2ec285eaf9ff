import type { Executor, Tx } from '@server/db/pool';
import { recordEvent } from '@server/events';
import type { MailKind } from '@shared/api/notifications';
import { deleteOutboxContaining, insertOutbox } from './outbox.queries';
import type { MailData, MailTemplate } from './templates';

/**
 * Drops, inside the caller's transaction, every e-mail (sent or not) whose data contains one of the
 * strings: erasing a deleted member's name from e-mails addressed to others.
 */
export function eraseMailContaining(tx: Executor, needles: readonly string[]): Promise<void> {
  return deleteOutboxContaining(tx, needles);
}

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
 * the e-mail exists if and only if the event committed; the worker is woken after the commit
 * (`mail.queued`).
 */
export function createMailService() {
  return {
    /** Queues e-mails in the caller's transaction; returns their outbox ids. */
    enqueue(tx: Tx, requests: MailRequest[]): Promise<string[]> {
      recordEvent(tx, { type: 'mail.queued' });
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
  };
}

/** The mail service. */
export type MailService = ReturnType<typeof createMailService>;
