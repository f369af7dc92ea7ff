import { describe, expect, it } from '@jest/globals';
import { judge } from './readiness.js';

const all = ['gateway', 'planning', 'risk'] as const;

describe('judge', () => {
  it('is ready when every service is up; the gateway may be left out of the list', () => {
    expect(
      judge(
        {
          services: [
            { name: 'planning', status: 'up' },
            { name: 'risk', status: 'up' },
          ],
        },
        all,
      ),
    ).toEqual({
      ready: true,
      notUp: [],
    });
  });

  it('names the services that are down or missing', () => {
    const result = judge(
      {
        services: [
          { name: 'gateway', status: 'up' },
          { name: 'planning', status: 'down' },
        ],
      },
      all,
    );
    expect(result.ready).toBe(false);
    expect(result.notUp).toEqual([
      { name: 'planning', seen: "status 'down'" },
      { name: 'risk', seen: 'not listed in /api/v1/system/status' },
    ]);
  });

  it('copes with an unexpected body', () => {
    expect(judge({}, all).ready).toBe(false);
    expect(judge(undefined as never, all).notUp.map((s) => s.name)).toEqual(['planning', 'risk']);
  });
});
