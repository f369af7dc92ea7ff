import { QueryFailedError, type EntityManager } from 'typeorm';

/** Whether `err` is Postgres refusing a row on the unique constraint (or index) `constraint`. */
export const isUniqueViolation = (err: unknown, constraint: string): boolean =>
  err instanceof QueryFailedError && (err.driverError as { constraint?: string }).constraint === constraint;

/**
 * Runs `write` in a savepoint and answers `'duplicate'` when Postgres refuses it on the unique
 * `constraint`: the savepoint is rolled back, so the surrounding transaction stays usable and the
 * caller can answer 409. Any other error is thrown as it is.
 */
export async function unlessDuplicate<T>(
  m: EntityManager,
  constraint: string,
  write: () => Promise<T>,
): Promise<T | 'duplicate'> {
  await m.query('SAVEPOINT unique_save');
  try {
    const written = await write();
    await m.query('RELEASE SAVEPOINT unique_save');
    return written;
  } catch (err) {
    if (!isUniqueViolation(err, constraint)) throw err;
    await m.query('ROLLBACK TO SAVEPOINT unique_save');
    return 'duplicate';
  }
}
