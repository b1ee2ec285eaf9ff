/**
 * The public surface of mail: the outbox, templates, transport and unsubscribe tokens.
 * Other features import only from here (`@server/mail`), never its queries, routes or tables;
 * the route handler factories and socket registrations are here for the composition root.
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
