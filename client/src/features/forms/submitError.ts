import { ApiError } from '@client/api/errors';
import { serverFieldMessages, type FieldMessages } from './validation';

/** How a failed submit is shown: messages under fields and/or one message for the whole form. */
export interface SubmitProblem {
  fields: FieldMessages;
  form: string | null;
}

/**
 * Splits a failed request into field messages and a form-level message. A validation failure with
 * named fields needs no form-level message: each field says what is wrong.
 */
export function submitProblem(error: unknown, fallback: string): SubmitProblem {
  if (!(error instanceof ApiError)) return { fields: {}, form: fallback };
  const fields = serverFieldMessages(error);
  const { _: formField, ...named } = fields;
  const hasNamed = Object.keys(named).length > 0;
  return { fields: named, form: hasNamed ? (formField ?? null) : (formField ?? error.message) };
}
