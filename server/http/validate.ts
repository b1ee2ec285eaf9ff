import type { NextFunction, Request, Response } from 'express';
import type { z } from 'zod';
import { fieldIssues } from '@shared/validation';
import { validationError } from '@server/errors';

/** The path of the first string holding U+0000 in a parsed value (`_` for the value itself), if any. */
function nulPath(value: unknown, path: string[] = []): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') || '_' : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = nulPath(item, [...path, key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Parses untrusted input with a shared schema, or throws a 400 naming each bad field. A string that
 * still holds U+0000 after parsing is refused too: PostgreSQL cannot store it in text, and no field
 * means anything by it (post bodies and titles drop it in their schemas instead).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (!result.success) throw validationError(fieldIssues(result.error.issues));
  const nul = nulPath(result.data);
  if (nul !== undefined) throw validationError({ [nul]: { code: 'invalid_value' } });
  return result.data;
}

/**
 * Refuses a URL carrying an encoded NUL (`%00`) in its path or query with a 400, before any route can
 * hand it to the database. NUL cannot appear raw in a request line, so this sees every one.
 */
export function refuseNulInUrl(req: Request, _res: Response, next: NextFunction): void {
  if (/%00/i.test(req.url)) {
    next(validationError({ _: { code: 'invalid_value' } }));
    return;
  }
  next();
}
