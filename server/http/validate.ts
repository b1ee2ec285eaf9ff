import type { z } from 'zod';
import { fieldIssues } from '@shared/validation';
import { validationError } from '@server/errors';

/** Parses untrusted input with a shared schema, or throws a 400 naming each bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw validationError(fieldIssues(result.error.issues));
}
