import { ConflictError } from '@baton/platform';

/**
 * The commitment rule: items may be committed to a sprint while the committed story points stay
 * within its capacity. Going over is refused (409 naming `capacity`) unless the caller says
 * `allowOverCapacity`, and then the sprint shows `overCommitted: true`. Unestimated items count 0,
 * so they can always be added (they do not make an over-committed sprint worse).
 */
export function checkCommitment(
  sprint: { id: string; capacity: number },
  committedBefore: number,
  adding: number,
  allowOverCapacity = false,
): void {
  const after = committedBefore + adding;
  if (adding === 0 || after <= sprint.capacity || allowOverCapacity) return;
  throw new ConflictError(
    `committing ${adding} more points would put sprint ${sprint.id} at ${after} of its ${sprint.capacity} points capacity`,
    {
      capacity: sprint.capacity,
      committedPoints: committedBefore,
      requestedPoints: adding,
      errors: [
        {
          field: 'capacity',
          message: `committed points ${after} would exceed the capacity ${sprint.capacity} (send allowOverCapacity: true to commit anyway)`,
        },
      ],
    },
  );
}
