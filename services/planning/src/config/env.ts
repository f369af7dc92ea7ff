import { BaseConfig } from '@baton/platform';

/** Planning needs nothing beyond the platform's variables yet. */
export class PlanningConfig extends BaseConfig {}
