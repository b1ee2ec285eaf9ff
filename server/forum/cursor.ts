import type { ThreadSort } from '@shared/api/threads';
import {
  cursorInteger,
  cursorTimestamp,
  cursorUuid,
  decodeCursorTuple,
  encodeCursorTuple,
  invalidCursor,
} from '@server/cursor';
import type { ListCursor } from './thread.queries';

export { UUID } from '@server/cursor';

/** Encodes a thread list position as an opaque string. */
export function encodeListCursor(cursor: ListCursor): string {
  const parts: unknown[] = [cursor.value, cursor.id];
  if (cursor.pin !== undefined) parts.push(cursor.pin);
  return encodeCursorTuple(parts);
}

/**
 * Decodes a thread list position for the list's sort (a reply count for `active`, a timestamp for the
 * others), or throws a 400 when it is not one this server wrote for that sort.
 */
export function decodeListCursor(value: string, sort: ThreadSort): ListCursor {
  const [sortValue, id, pinFlag] = decodeCursorTuple(value, 2, 3);
  if (pinFlag !== undefined && pinFlag !== 0 && pinFlag !== 1 && pinFlag !== 2) throw invalidCursor();
  const pinned = pinFlag === undefined ? {} : { pin: pinFlag };
  const key = sort === 'active' ? cursorInteger(sortValue, 0, 2_147_483_647) : cursorTimestamp(sortValue);
  return { value: key, id: cursorUuid(id), ...pinned };
}

/** Encodes a position in a thread: the last post's path (tree order) or seq (time order). */
export function encodePostCursor(path: number[]): string {
  return path.join('.');
}

/** Decodes a position in a thread, or throws a 400 when malformed. */
export function decodePostCursor(value: string): number[] {
  if (!/^\d{1,9}(\.\d{1,9}){0,199}$/.test(value)) throw invalidCursor();
  return value.split('.').map(Number);
}
