/**
 * `bad-url` — DATABASE_URL is not a PostgreSQL URL · `unreachable` — the database cannot be opened or
 * reached · `migration-failed` — the tables could not be brought up to date · `not-found` — no such
 * submission or flag · `exists` — a submission with that id is already stored · `bad-row` — a stored value
 * no longer parses (written by another version of acord-prep) · `wrong-state` — the submission is not in a
 * state that allows the change (a reviewer's edit while it is being reassembled).
 */
export type DatabaseProblem = 'bad-url' | 'unreachable' | 'migration-failed' | 'not-found' | 'exists' | 'bad-row' | 'wrong-state';

/** A database failure a person can act on: the message says which database or row, and what to do. */
export class DatabaseError extends Error {
  constructor(
    readonly code: DatabaseProblem,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DatabaseError';
  }
}
