import { z } from './zod';
import type { FieldErrorCode } from './errors';

/** The largest value of a 32-bit integer column (sequence numbers): numbers above it are refused at the edge. */
export const INT32_MAX = 2_147_483_647;

/** A field problem before translation: its code and the parameters its message needs. */
export interface FieldIssue {
  code: FieldErrorCode;
  params?: Record<string, string | number>;
}

/**
 * Maps one zod issue onto the API's field error codes. Server (edge validation) and client (forms) use
 * it alike, so a field gets the same message whichever side caught the problem.
 */
export function toFieldIssue(issue: z.core.$ZodIssue): FieldIssue {
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

/** Every field's first problem, by field name (`_` for the input as a whole). */
export function fieldIssues(issues: readonly z.core.$ZodIssue[]): Record<string, FieldIssue> {
  const fields: Record<string, FieldIssue> = {};
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[key] ??= { code: 'unknown_field' };
      continue;
    }
    const name = issue.path.length ? issue.path.join('.') : '_';
    fields[name] ??= toFieldIssue(issue);
  }
  return fields;
}

/**
 * A calendar day written `YYYY-MM-DD` that exists (no 2024-13-45, no 2023-02-29) and lies between
 * `min` and `max` (same format), so that it can be handed to the database as a date.
 */
export function calendarDay(min: string, max: string) {
  return z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .refine((value) => {
      const date = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
    })
    .refine((value) => value >= min && value <= max);
}
