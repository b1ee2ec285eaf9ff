import { z } from '../zod';
import { LIMITS, LOCALES } from '../constants';

/** `PATCH /api/v1/me`: the account's own settings. */
export const updateAccountSchema = z
  .strictObject({
    displayName: z.string().trim().min(LIMITS.displayNameMin).max(LIMITS.displayNameMax).optional(),
    locale: z.enum(LOCALES).optional(),
  })
  .refine((body) => body.displayName !== undefined || body.locale !== undefined, { path: ['_'] });

/** Body of `PATCH /api/v1/me`. */
export type UpdateAccountRequest = z.infer<typeof updateAccountSchema>;
