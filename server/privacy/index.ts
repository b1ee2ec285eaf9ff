/**
 * The public surface of privacy: personal-data export and account deletion.
 * Other features import only from here (`@server/privacy`), never its queries, routes or tables;
 * the route handler factories and socket registrations are here for the composition root.
 */
export { type PersonalDataContributor, PersonalDataRegistry } from './export.registry';
export { privacyHandlers } from './privacy.routes';
export { createPrivacyService, type PrivacyService } from './privacy.service';
