import { BaseConfig } from '@baton/platform';

/** Quality needs nothing beyond the platform's variables yet. */
export class QualityConfig extends BaseConfig {}
