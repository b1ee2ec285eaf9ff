import { validationError, type AppError } from '@server/errors';

// A cursor is opaque and only ever made by this server, so anything that does not decode to exactly
// what an encoder writes is refused here, before a malformed value can reach a SQL cast and fail there.

/** Canonical UUID text. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// What `Date.prototype.toISOString` writes for years 1000–9999 (PostgreSQL has no year 0).
const ISO_TIMESTAMP = /^[1-9]\d{3}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** 400 naming the cursor, as every list answers a cursor it did not make. */
export function invalidCursor(): AppError {
  return validationError({ cursor: { code: 'invalid_value' } });
}

/** The base64url JSON array a cursor carries, with `length` (to `maxLength`) items, or a 400. */
export function decodeCursorTuple(raw: string, length: number, maxLength = length): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(parsed) || parsed.length < length || parsed.length > maxLength) throw invalidCursor();
  return parsed;
}

/** Encodes a tuple as an opaque cursor (the inverse of `decodeCursorTuple`). */
export function encodeCursorTuple(parts: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** A cursor's row id: canonical UUID text, lower-cased. */
export function cursorUuid(value: unknown): string {
  if (typeof value !== 'string' || !UUID.test(value)) throw invalidCursor();
  return value.toLowerCase();
}

/** A cursor's timestamp, exactly as `toISOString` wrote it. */
export function cursorTimestamp(value: unknown): string {
  if (typeof value !== 'string' || !ISO_TIMESTAMP.test(value)) throw invalidCursor();
  const date = new Date(value);
  // Rejects dates the pattern lets through but the calendar does not have (2024-02-30).
  if (Number.isNaN(date.getTime()) || date.toISOString() !== value) throw invalidCursor();
  return value;
}

/** A cursor's integer, within the bounds of the column it is compared with. */
export function cursorInteger(value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max)
    throw invalidCursor();
  return value;
}

/** A cursor's integer written as text (a `bigint` column), within the signed 64-bit range. */
export function cursorBigintText(value: unknown): string {
  if (typeof value !== 'string' || !/^-?(0|[1-9]\d{0,18})$/.test(value)) throw invalidCursor();
  const big = BigInt(value);
  if (big > 9223372036854775807n || big < -9223372036854775808n) throw invalidCursor();
  return value;
}

/** A cursor's decimal written as text (a `numeric` score), of a sane length. */
export function cursorDecimalText(value: unknown): string {
  if (typeof value !== 'string' || !/^-?\d{1,20}(\.\d{1,30})?$/.test(value)) throw invalidCursor();
  return value;
}

/** A cursor's text key (a name), which PostgreSQL can store: no NUL, bounded. */
export function cursorText(value: unknown, max: number): string {
  if (typeof value !== 'string' || value.length > max || value.includes('\u0000')) throw invalidCursor();
  return value;
}
