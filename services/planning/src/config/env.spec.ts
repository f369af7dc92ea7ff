import { configProblems, loadConfig } from '@baton/platform';
import { REQUIRED_ENV } from '@baton/testing';
import { describe, expect, it } from '@jest/globals';
import { PlanningConfig } from './env.js';

describe('PlanningConfig', () => {
  it('batches up to 256 reads per query unless told otherwise', () => {
    expect(loadConfig(PlanningConfig, REQUIRED_ENV).PLANNING_READ_BATCH_MAX).toBe(256);
    expect(
      loadConfig(PlanningConfig, { ...REQUIRED_ENV, PLANNING_READ_BATCH_MAX: '1' }).PLANNING_READ_BATCH_MAX,
    ).toBe(1);
  });

  it.each(['0', '-3', '2.5', 'many', '10001'])('refuses PLANNING_READ_BATCH_MAX=%s, naming it', (value) => {
    const problems = configProblems(PlanningConfig, { ...REQUIRED_ENV, PLANNING_READ_BATCH_MAX: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^PLANNING_READ_BATCH_MAX /);
  });
});
