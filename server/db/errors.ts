/**
 * Whether a database error is a unique violation (of `constraint`, when given). Drizzle wraps the
 * driver's error in `cause`.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const cause = (error as { cause?: unknown }).cause ?? error;
  return (
    typeof cause === 'object' &&
    cause !== null &&
    (cause as { code?: string }).code === '23505' &&
    (constraint === undefined || (cause as { constraint?: string }).constraint === constraint)
  );
}
