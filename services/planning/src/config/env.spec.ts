import { ConfigError, loadConfig } from '@baton/platform';
import { describe, expect, it } from '@jest/globals';
import { PlanningConfig } from './env.js';

const base = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
  NATS_URL: 'nats://127.0.0.1:4222',
};

describe('PlanningConfig', () => {
  it('batches up to 256 reads per query unless told otherwise', () => {
    expect(loadConfig(PlanningConfig, base).PLANNING_READ_BATCH_MAX).toBe(256);
    expect(
      loadConfig(PlanningConfig, { ...base, PLANNING_READ_BATCH_MAX: '1' }).PLANNING_READ_BATCH_MAX,
    ).toBe(1);
  });

  it.each(['0', '-3', '2.5', 'many', '10001'])('refuses PLANNING_READ_BATCH_MAX=%s, naming it', (value) => {
    let problems: string[] = [];
    try {
      loadConfig(PlanningConfig, { ...base, PLANNING_READ_BATCH_MAX: value });
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      problems = err.problems;
    }
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^PLANNING_READ_BATCH_MAX /);
  });
});
