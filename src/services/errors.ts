/** Helpers for turning database constraint violations into coded failures. */

interface PgError {
  code?: string;
  constraint?: string;
}

/** Whether an error is a unique violation, optionally of one named constraint. */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  const err = e as PgError;
  return err?.code === '23505' && (constraint === undefined || err.constraint === constraint);
}

/** The constraint name of a database error, if any. */
export function constraintOf(e: unknown): string | undefined {
  return (e as PgError)?.constraint;
}
