/**
 * Stable error codes of the API. The HTTP status travels with the code; the message is localized
 * from `locales/<lang>/errors.json` under the same key.
 */
export const ERROR_CODES = [
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'csrf_invalid',
  'rate_limited',
  'payload_too_large',
  'invalid_credentials',
  'email_taken',
  'handle_taken',
  'avatar_invalid',
  'account_pending',
  'account_suspended',
  'messaging_not_allowed',
  'message_request_pending',
  'message_request_declined',
  'message_edit_window_passed',
  'conversation_full',
  'conversation_not_group',
  'already_reported',
  'posting_too_fast',
  'post_too_long',
  'thread_locked',
  'category_archived',
  'not_a_question',
  'category_slug_taken',
  'second_factor_invalid',
  'second_factor_expired',
  'second_factor_required',
  'two_factor_already_enabled',
  'two_factor_not_started',
  'two_factor_not_enabled',
  'two_factor_required_for_staff',
  'password_not_set',
  'reauthentication_required',
  'reauthentication_mismatch',
  'last_sign_in_method',
  'identity_already_linked',
  'oidc_denied',
  'oidc_callback_invalid',
  'oidc_token_invalid',
  'oidc_provider_unreachable',
  'oidc_email_taken',
  'oidc_email_missing',
  'token_invalid',
  'email_not_verified',
  'last_admin',
  'scopes_for_moderators_only',
  'already_flagged',
  'flag_own_content',
  'item_closed',
  'item_changed',
  'action_not_applicable',
  'not_appealable',
  'already_appealed',
  'internal_error',
  'service_unavailable',
  'thread_merged',
  'slow_mode',
  'too_many_links',
  'watched_word_blocked',
  'watched_word_exists',
] as const;

/** An API error code. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Codes of problems with one field, translated from `locales/<lang>/errors.json` under `field.<code>`.
 * Zod's own issue codes are mapped onto these at the edge.
 */
export const FIELD_ERROR_CODES = [
  'required',
  'invalid_type',
  'too_short',
  'too_long',
  'invalid_email',
  'invalid_value',
  'password_common',
  'password_contains_email',
  'email_taken',
  'handle_taken',
  'confirmation_mismatch',
  'unknown_field',
  'parent_not_in_thread',
  'slug_taken',
  'code_invalid',
  'password_incorrect',
] as const;

/** A field error code. */
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

/** One field's problem, localized by the server. */
export interface FieldError {
  code: FieldErrorCode;
  message: string;
}

/** The error envelope of every failed API request and socket ack. */
export interface ErrorEnvelope {
  error: {
    code: ErrorCode;
    message: string;
    fields?: Record<string, FieldError>;
    requestId?: string;
    retryAfterSeconds?: number;
  };
}
