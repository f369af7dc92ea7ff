import { ChangeRequestStates } from '@baton/contracts';
import { ConflictError } from '@baton/platform';
import { describe, expect, it } from '@jest/globals';
import { transition, Transitions } from './change-request.state.js';

describe('change request workflow', () => {
  it('goes draft → submitted → approved | rejected', () => {
    expect(transition('x', 'draft', 'submitted')).toBe('submitted');
    expect(transition('x', 'submitted', 'approved')).toBe('approved');
    expect(transition('x', 'submitted', 'rejected')).toBe('rejected');
    expect(transition('x', 'draft', 'updated')).toBe('draft');
  });

  it('refuses every other move with a conflict naming the current state', () => {
    for (const [action, t] of Object.entries(Transitions)) {
      for (const state of ChangeRequestStates.filter((s) => s !== t.from)) {
        let err: unknown;
        try {
          transition('cr-1', state, action as keyof typeof Transitions);
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(ConflictError);
        expect((err as ConflictError).message).toContain(`is ${state}`);
        expect((err as ConflictError).details).toMatchObject({
          currentState: state,
          errors: [{ field: 'state' }],
        });
      }
    }
  });

  it('keeps approved and rejected final', () => {
    for (const final of ['approved', 'rejected'] as const) {
      expect(Object.values(Transitions).some((t) => t.from === final)).toBe(false);
    }
  });
});
