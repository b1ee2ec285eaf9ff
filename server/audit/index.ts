/**
 * The public module of the audit feature: the audit trail (recording, listing, and its part of a
 * personal-data export). Other features import only from here (`@server/audit`), never its queries,
 * routes or tables; the composition root imports its route handler factories and socket registrations
 * from here too.
 */
export { audit, auditData, type AuditListRow } from './audit.service';
