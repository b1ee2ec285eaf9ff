import type { ListCursor } from './thread.queries';

/** Encodes a thread list position as an opaque string. */
export function encodeListCursor(cursor: ListCursor): string {
  const parts: unknown[] = [cursor.value, cursor.id];
  if (cursor.pin !== undefined) parts.push(cursor.pin);
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** Decodes a thread list position, or undefined when it is not one of ours. */
export function decodeListCursor(value: string | undefined): ListCursor | undefined {
  if (!value) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length < 2 || parsed.length > 3) return undefined;
    const [sortValue, id, pinFlag] = parsed as unknown[];
    if (typeof id !== 'string' || !UUID.test(id)) return undefined;
    if (pinFlag !== undefined && pinFlag !== 0 && pinFlag !== 1 && pinFlag !== 2) return undefined;
    const pinned = pinFlag === undefined ? {} : { pin: pinFlag };
    if (typeof sortValue === 'number' && Number.isInteger(sortValue))
      return { value: sortValue, id, ...pinned };
    if (typeof sortValue === 'string' && !Number.isNaN(Date.parse(sortValue)))
      return { value: sortValue, id, ...pinned };
    return undefined;
  } catch {
    return undefined;
  }
}

/** Encodes a position in a thread: the last post's path (tree order) or seq (time order). */
export function encodePostCursor(path: number[]): string {
  return path.join('.');
}

/** Decodes a position in a thread, or undefined when malformed. */
export function decodePostCursor(value: string | undefined): number[] | undefined {
  if (!value || !/^\d{1,9}(\.\d{1,9}){0,199}$/.test(value)) return undefined;
  return value.split('.').map(Number);
}

/** Canonical UUID text. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
