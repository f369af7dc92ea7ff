import { CreateProjectRequest, UpdateProjectRequest } from '@baton/contracts';
import { describe, expect, it } from '@jest/globals';
import { ValidationFailedError } from './domain-error.js';
import { validatePayload } from './validate.js';

async function fieldsOf(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationFailedError);
    return ((err as ValidationFailedError).details?.errors ?? []).map((e) => e.field);
  }
  throw new Error('expected a validation error');
}

describe('validatePayload', () => {
  it('accepts a valid payload and returns an instance', async () => {
    const req = await validatePayload(CreateProjectRequest, { name: 'ERP', startDate: '2027-01-04' });
    expect(req).toBeInstanceOf(CreateProjectRequest);
  });

  it('names a field of the wrong type, with the type error alone', async () => {
    const err = (await validatePayload(CreateProjectRequest, { name: 123 }).catch((e: unknown) => e)) as ValidationFailedError;
    expect(err.details?.errors).toEqual([{ field: 'name', message: 'name must be a string' }]);
  });

  it('rejects properties the contract does not declare (no mass assignment)', async () => {
    expect(await fieldsOf(validatePayload(CreateProjectRequest, { name: 'x', tenantId: 'evil' }))).toContain('tenantId');
  });

  it('names nested fields with a dotted path', async () => {
    const fields = await fieldsOf(
      validatePayload(UpdateProjectRequest, { id: '9c5b3f7e-1d2a-4c3b-8e4f-5a6b7c8d9e0f', changes: { targetDate: '2027-02-30' } }),
    );
    expect(fields).toEqual(['changes.targetDate']);
  });

  it('rejects a non-object payload', async () => {
    await expect(validatePayload(CreateProjectRequest, 'nope')).rejects.toBeInstanceOf(ValidationFailedError);
  });
});
