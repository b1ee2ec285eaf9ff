import type { z } from 'zod';
import type { TFunction } from 'i18next';
import { fieldIssues } from '@shared/validation';
import type { ApiError } from '@client/api/errors';

/** Messages to show under fields, by field name (`_` for the form as a whole). */
export type FieldMessages = Record<string, string>;

/** The outcome of checking a form in the browser. */
export type Checked<T> = { ok: true; data: T } | { ok: false; errors: FieldMessages };

/** Checks form values with a shared schema, translating each field's first problem. */
export function checkForm<S extends z.ZodType>(
  schema: S,
  values: unknown,
  t: TFunction,
): Checked<z.output<S>> {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldMessages = {};
  for (const [name, { code, params }] of Object.entries(fieldIssues(result.error.issues))) {
    errors[name] = t(`errors:field.${code}`, params ?? {});
  }
  return { ok: false, errors };
}

/** The server's per-field messages (already in the session's language). */
export function serverFieldMessages(error: ApiError): FieldMessages {
  return Object.fromEntries(Object.entries(error.fields).map(([name, field]) => [name, field.message]));
}
