/**
 * The public module of the privacy feature: personal-data export and account deletion. Other features import
 * only from here (`@server/privacy`), never its queries, routes or tables; the composition root imports its
 * route handler factories and socket registrations from here too.
 */
export { type PersonalDataContributor, PersonalDataRegistry } from './export.registry';
export { privacyHandlers } from './privacy.routes';
export { createPrivacyService, type PrivacyService } from './privacy.service';
