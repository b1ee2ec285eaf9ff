import { cursorTimestamp, cursorUuid, invalidCursor } from '@server/cursor';
import type { NotificationDto } from '@shared/api/notifications';
import type { NotificationRow } from './notification.queries';

/** A stored notification as the client sees it. */
export function presentNotification(row: NotificationRow): NotificationDto {
  return {
    id: row.id,
    kind: row.kind,
    actor: row.actorHandle && row.actorName ? { handle: row.actorHandle, displayName: row.actorName } : null,
    title: row.title,
    link: row.link,
    count: row.count,
    readAt: row.readAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The opaque keyset cursor after a row. */
export function cursorAfter(row: NotificationRow): string {
  return Buffer.from(`${row.updatedAt.toISOString()}|${row.id}`).toString('base64url');
}

/** Decodes a cursor, or throws a 400 when it is not one of ours. */
export function decodeCursor(cursor: string): { updatedAt: Date; id: string } {
  const [at = '', id = '', ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (rest.length) throw invalidCursor();
  return { updatedAt: new Date(cursorTimestamp(at)), id: cursorUuid(id) };
}
