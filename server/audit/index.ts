/**
 * The public surface of audit: the audit trail: writing entries and its part of a personal-data export.
 * Other features import only from here (`@server/audit`), never its queries, routes or tables;
 * the route handler factories and socket registrations are here for the composition root.
 */
export { audit, auditData } from './audit.service';
