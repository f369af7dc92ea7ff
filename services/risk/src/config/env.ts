import { BaseConfig } from '@baton/platform';

/** Risk needs nothing beyond the platform's variables yet. */
export class RiskConfig extends BaseConfig {}
