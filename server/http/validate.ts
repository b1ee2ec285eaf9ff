import type { z } from 'zod';
import { validationError, type FieldIssue } from '@server/errors';

type ZodIssue = z.core.$ZodIssue;

/** Maps one zod issue onto the API's field error codes (and the parameters their messages need). */
function toFieldIssue(issue: ZodIssue): FieldIssue {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return { code: 'required' };
      return { code: 'too_short', params: { min: Number(issue.minimum) } };
    case 'too_big':
      return { code: 'too_long', params: { max: Number(issue.maximum) } };
    case 'invalid_format':
      return issue.format === 'email' ? { code: 'invalid_email' } : { code: 'invalid_value' };
    case 'invalid_type':
      return issue.input === undefined ? { code: 'required' } : { code: 'invalid_type' };
    case 'unrecognized_keys':
      return { code: 'unknown_field' };
    default:
      return { code: 'invalid_value' };
  }
}

/** Parses untrusted input with a shared schema, or throws a 400 naming each bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const fields: Record<string, FieldIssue> = {};
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[key] ??= { code: 'unknown_field' };
      continue;
    }
    const name = issue.path.length ? issue.path.join('.') : '_';
    fields[name] ??= toFieldIssue(issue);
  }
  throw validationError(fields);
}
