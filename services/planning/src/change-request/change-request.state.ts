import type { ChangeRequestAction, ChangeRequestState } from '@baton/contracts';
import { ConflictError } from '@baton/platform';

/** The workflow: which action leads from which state to which. approved and rejected are final. */
export const Transitions: Record<
  Exclude<ChangeRequestAction, 'created'>,
  { from: ChangeRequestState; to: ChangeRequestState; verb: string }
> = {
  updated: { from: 'draft', to: 'draft', verb: 'edited' },
  submitted: { from: 'draft', to: 'submitted', verb: 'submitted' },
  approved: { from: 'submitted', to: 'approved', verb: 'approved' },
  rejected: { from: 'submitted', to: 'rejected', verb: 'rejected' },
};

/** the state after `action`, or a 409 that names the current state */
export function transition(
  id: string,
  current: ChangeRequestState,
  action: keyof typeof Transitions,
): ChangeRequestState {
  const t = Transitions[action];
  if (current === t.from) return t.to;
  throw new ConflictError(
    `change request ${id} is ${current}: only a ${t.from} change request can be ${t.verb}`,
    {
      currentState: current,
      errors: [{ field: 'state', message: `the change request is ${current}, not ${t.from}` }],
    },
  );
}
