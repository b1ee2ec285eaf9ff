/**
 * The public module of the mail feature: the outbox, templates, transport and unsubscribe tokens. Other
 * features import only from here (`@server/mail`), never its queries, routes or tables; the composition root
 * imports its route handler factories and socket registrations from here too.
 */
export { createMailService, eraseMailContaining, type MailService } from './mail.service';
export {
  createOutboxWorker,
  DEFAULT_OUTBOX_OPTIONS,
  type OutboxWorker,
  type OutboxWorkerOptions,
} from './outbox.worker';
export type { MailItem, MailSection } from './templates';
export { createMailTransport } from './transport';
export { createUnsubscribeTokens, type UnsubscribeTokens } from './unsubscribe';
