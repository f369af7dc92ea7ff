import { RequestEnvelope } from '@baton/contracts';
import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import fc from 'fast-check';
import { isWellFormedEnvelope } from './envelope-check.js';

/** class-validator's verdict on an envelope, as RpcServer asks for it */
const classValidatorAccepts = async (body: object) =>
  (await validate(plainToInstance(RequestEnvelope, body), { forbidUnknownValues: false })).length === 0;

const good = {
  tenantId: '0b5d7f7e-6c1a-4f57-9a55-3c5d9c1b2a10',
  actor: { id: 'user-1', roles: ['viewer'] },
  data: { id: 'x' },
};

/** values of every JSON shape, and strings near the constraints' edges */
const anything = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.string({ maxLength: 300 }),
  fc.uuid(),
  fc.constantFrom(
    '',
    'x'.repeat(256),
    'x'.repeat(257),
    '😀'.repeat(200),
    '00000000-0000-0000-0000-000000000000',
  ),
  fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string(), { maxKeys: 3 }),
);

describe('isWellFormedEnvelope (the fast path before class-validator)', () => {
  it('accepts the envelopes RpcClient sends', async () => {
    expect(isWellFormedEnvelope(good)).toBe(true);
    expect(await classValidatorAccepts(good)).toBe(true);
  });

  it.each([
    ['a tenant id that is not a uuid', { ...good, tenantId: 'not-a-uuid' }],
    ['no actor', { ...good, actor: undefined }],
    ['an empty actor id', { ...good, actor: { id: '', roles: [] } }],
    ['roles that are not strings', { ...good, actor: { id: 'u', roles: [1] } }],
    ['data that is an array', { ...good, data: [] }],
    ['no data', { ...good, data: undefined }],
  ])('leaves %s to class-validator, which refuses it', async (_what, body) => {
    expect(isWellFormedEnvelope(body)).toBe(false);
    expect(await classValidatorAccepts(body)).toBe(false);
  });

  it('never accepts an envelope that class-validator would refuse', async () => {
    const envelope = fc.record(
      {
        tenantId: fc.oneof(fc.uuid(), anything),
        actor: fc.oneof(
          fc.record(
            {
              id: fc.oneof(fc.string({ maxLength: 300 }), anything),
              roles: fc.oneof(fc.array(fc.string()), anything),
            },
            { requiredKeys: [] },
          ),
          anything,
        ),
        data: anything,
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(envelope, async (body) => {
        if (isWellFormedEnvelope(body)) expect(await classValidatorAccepts(body)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
